namespace Martech.Sdk;

/// <summary>The Lua script that keeps a shared rate budget in Redis: one call per acquisition or report, atomic.</summary>
internal static class RateBudgetScript
{
    /// <summary>
    /// KEYS[1] the log (ZSET, a member per grant scored by its time in ms), KEYS[2] the state (HASH): both hash-tagged
    /// with the budget, so they share a cluster slot. ARGV[1] 'a' acquire or 'r' report; ARGV[2] the caller's time in
    /// ms, or '' for the server's TIME; ARGV[3] the configured limit; ARGV[4] the hold in ms; ARGV[5] the recovery step;
    /// ARGV[6] the idle expiry in ms; ARGV[7] the learned-state retention in ms (the state's expiry while the limit is
    /// below the configured one or a ceiling is set; the log keeps the idle expiry). A report adds ARGV[8] the grant
    /// time, ARGV[9] '1' for a 429, ARGV[10] a pause in ms, ARGV[11] the remaining count, ARGV[12] the reset in ms,
    /// ARGV[13] the ceiling, ARGV[14] '1' for exhausted ('' when absent). Returns {granted, retry ms, grant time, limit}.
    /// State fields: lim (the adaptive limit), ceil (the vendor's ceiling), nxt (the next recovery), probe (the rate
    /// before the last cut), cut (the last cut), pause (paused until), cap and capu (a cap until), debt and debtu
    /// (usage held until), seq (makes log members unique).
    /// </summary>
    public const string Text = """
        local log, st = KEYS[1], KEYS[2]
        local now
        if ARGV[2] == '' then
          if redis.replicate_commands then redis.replicate_commands() end
          local t = redis.call('TIME')
          now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        else
          now = tonumber(ARGV[2])
        end
        local configured, hold, step, idle, keep = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

        local s = {}
        local raw = redis.call('HGETALL', st)
        for i = 1, #raw, 2 do s[raw[i]] = tonumber(raw[i + 1]) end

        redis.call('ZREMRANGEBYSCORE', log, '-inf', now - hold)
        local held = redis.call('ZCARD', log)
        local ceiling = configured
        if s.ceil and s.ceil < ceiling then ceiling = s.ceil end
        local limit = s.lim or ceiling
        if limit > ceiling then limit = ceiling end
        if limit < ceiling and not s.nxt then s.nxt = now + hold end
        if s.pause and now >= s.pause then s.pause = nil end
        if s.capu and now >= s.capu then s.cap = nil; s.capu = nil end
        if s.debtu and now >= s.debtu then s.debt = nil; s.debtu = nil end

        local function lower(to)
          if to < 1 then to = 1 end
          if to < limit then limit = to end
          if limit < ceiling then s.nxt = now + hold else s.nxt = nil end
        end

        local function save()
          s.lim = limit
          local ttl = idle
          for _, name in ipairs({'pause', 'capu', 'debtu'}) do
            if s[name] and s[name] - now + hold > ttl then ttl = s[name] - now + hold end
          end
          local fields = {}
          for k, v in pairs(s) do
            fields[#fields + 1] = k
            fields[#fields + 1] = string.format('%.0f', v)
          end
          redis.call('DEL', st)
          redis.call('HSET', st, unpack(fields))
          local stateTtl = ttl
          if (limit < configured or s.ceil) and keep > stateTtl then stateTtl = keep end
          redis.call('PEXPIRE', st, stateTtl)
          redis.call('PEXPIRE', log, ttl)
        end

        if ARGV[1] == 'a' then
          if s.nxt and now >= s.nxt and not s.pause then
            if limit < ceiling then
              local probe = s.probe or math.huge
              local nxt
              if limit < probe then nxt = math.min(limit + step, probe) else nxt = limit + math.min(step, limit - probe + 1) end
              limit = math.min(ceiling, nxt)
            end
            if limit < ceiling then s.nxt = now + hold else s.nxt = nil end
          end
          local retry = nil
          local debt = s.debt or 0
          if s.pause then
            retry = s.pause
          elseif s.capu and s.cap <= 0 then
            retry = s.capu
          elseif held + debt >= limit then
            local over = held + debt - limit
            local at = math.huge
            if over < held then
              local e = redis.call('ZRANGE', log, over, over, 'WITHSCORES')
              at = tonumber(e[2]) + hold
            end
            if s.debtu then at = math.min(at, math.max(s.debtu, now)) end
            if s.nxt then at = math.min(at, s.nxt) end
            if at == math.huge then at = now + hold end
            retry = at
          end
          if retry then
            save()
            local wait = retry - now
            if wait < 1 then wait = 1 end
            return {0, wait, 0, limit}
          end
          s.seq = (s.seq or 0) + 1
          redis.call('ZADD', log, now, string.format('%.0f', now) .. '-' .. string.format('%.0f', s.seq))
          if s.capu then s.cap = s.cap - 1 end
          save()
          return {1, 0, now, limit}
        end

        if ARGV[13] ~= '' then
          local c = tonumber(ARGV[13])
          if c < 1 then c = 1 end
          s.ceil = c
          ceiling = math.min(configured, c)
          if limit > ceiling then limit = ceiling elseif limit < ceiling and not s.nxt then s.nxt = now + hold end
        end
        if ARGV[11] ~= '' then
          local remaining = tonumber(ARGV[11])
          local r = math.max(0, remaining)
          local reset = nil
          if ARGV[12] ~= '' then reset = tonumber(ARGV[12]) end
          if not (reset and reset <= 0) and held + r < limit then lower(held + r) end
          if reset then
            if reset > 0 then
              if remaining <= 0 then
                s.pause = math.max(s.pause or 0, now + reset)
              else
                s.cap = remaining
                s.capu = now + reset
              end
            end
          else
            local d = math.max(0, (limit - held) - r)
            if d > 0 then s.debt = d; s.debtu = now + hold else s.debt = nil; s.debtu = nil end
          end
        end
        if ARGV[10] ~= '' then
          local p = tonumber(ARGV[10])
          if p > 0 then s.pause = math.max(s.pause or 0, now + p) end
        end
        if ARGV[9] == '1' and (not s.cut or tonumber(ARGV[8]) > s.cut) then
          local achieved = math.min(limit, math.max(0, held - 1))
          lower(math.floor(math.max(achieved, limit / 2) * 0.7))
          s.probe = math.max(1, achieved)
          s.cut = now
        end
        if ARGV[14] == '1' then
          local d = math.max(0, limit - held)
          if d > 0 then s.debt = d; s.debtu = now + hold end
        end
        save()
        return {0, 0, now, limit}
        """;
}
