#!/usr/bin/env bash
# The "new user" test: the packages as a stranger meets them.
#
#  1. pack   every project under src/ (Release, a fresh artifacts folder) into a local folder, with a version no other
#            source has (<Version>-newuser.<time>), so a restore can only take Martech.Sdk packages from that folder;
#  2. check  each package: README.md and icon inside, MIT licence, project and repository URL with the commit, release
#            notes, tags, a .snupkg beside it, and README links that stay inside the repository URL;
#  3. app    a fresh `dotnet new console` in a temporary folder whose nuget.config adds the local folder to the
#            machine's own sources (third-party packages come from those), Program.cs and appsettings.json from
#            eng/new-user-test/: it sends an email through the SendGrid emulator and upserts a contact through the
#            HubSpot emulator (both from Martech.Sdk.Testing, on 127.0.0.1), and checks what they received;
#  4. aot    a second fresh console app with only Martech.Sdk.SendGrid, Martech.Sdk.HubSpot and Hosting, published with
#            Native AOT: the publish must show no IL2xxx/IL3xxx warning; the first app then starts the emulators and
#            runs the native binary against them, and checks again. (The emulators use ASP.NET Core minimal APIs and
#            reflection-based JSON, which Native AOT does not support, so they run in the first app's process.)
#
# Usage: eng/new-user-test.sh [--no-aot] [--keep]
#   --no-aot  skip step 4
#   --keep    keep the temporary folder (its path is printed)
# Needs the .NET SDK, the machine's NuGet source, unzip, and a C compiler (clang or gcc) for step 4.
# Exit code 0 when every step passed.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/eng/new-user-test
aot=1
keep=0
for arg in "$@"; do
  case $arg in
    --no-aot) aot=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--no-aot] [--keep]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/martech-new-user.XXXXXX")
feed=$work/feed
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')
version=

cleanup() {
  if [ -n "$version" ] && [ -n "$packages" ]; then
    # The restores extracted this run's packages into the global packages folder: nothing else will use them.
    local dir
    for dir in "$packages"/martech.sdk*/"${version,,}"; do
      [ -d "$dir" ] || continue
      rm -rf "$dir"
      rmdir --ignore-fail-on-non-empty "$(dirname "$dir")"
    done
  fi
  if [ "$keep" -eq 1 ]; then
    echo "new-user: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

say() { printf 'new-user: %s\n' "$*"; }

timings=()
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Runs one step, prints its time, and stops the test at the first failure.
step() {
  local name=$1
  shift
  say "--- $name"
  local start
  start=$(now)
  "$@"
  local rc=$?
  local took
  took=$(elapsed "$start")
  timings+=("$name ${took}s")
  if [ "$rc" -ne 0 ]; then
    say "--- $name FAILED after ${took}s"
    say "FAILED (${timings[*]})"
    exit 1
  fi
  say "--- $name passed in ${took}s"
}

pack() {
  local base
  base=$(dotnet msbuild "$repo/src/Martech.Sdk/Martech.Sdk.csproj" -getProperty:Version) || return 1
  version="$base-newuser.$(date -u +%Y%m%d%H%M%S)"
  local projects=("$repo"/src/*/*.csproj)
  say "packing ${#projects[@]} projects as $version into $feed"
  dotnet new sln --name packall --output "$work/pack" >/dev/null || return 1
  local sln
  sln=$(ls "$work"/pack/packall.sln*) || return 1
  dotnet sln "$sln" add --in-root "${projects[@]}" >/dev/null || return 1
  dotnet pack "$sln" -c Release -warnaserror -o "$feed" --artifacts-path "$work/artifacts" -p:Version="$version" \
    -nologo -clp:NoSummary -v:minimal || return 1
}

check_packages() {
  local repository failures=0 project name nupkg nuspec readme
  repository=$(sed -n 's:.*<MartechRepositoryUrl>\(.*\)</MartechRepositoryUrl>.*:\1:p' "$repo/Directory.Build.props")
  if ! grep -q '^MIT License' "$repo/LICENSE"; then
    say "LICENSE at the repository root is missing or not the MIT licence the packages declare"
    failures=$((failures + 1))
  fi
  for project in "$repo"/src/*/*.csproj; do
    name=$(basename "$project" .csproj)
    nupkg=$feed/$name.$version.nupkg
    local problems=()
    if [ ! -f "$nupkg" ]; then
      problems+=("no package")
    else
      local listing
      listing=$(unzip -Z1 "$nupkg")
      grep -qx 'README.md' <<<"$listing" || problems+=("no README.md")
      grep -qx 'icon.png' <<<"$listing" || problems+=("no icon.png")
      nuspec=$(unzip -p "$nupkg" "$name.nuspec")
      grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || problems+=("licence is not MIT")
      grep -q "<projectUrl>$repository</projectUrl>" <<<"$nuspec" || problems+=("projectUrl is not $repository")
      grep -Eq "<repository type=\"git\" url=\"$repository\" commit=\"[0-9a-f]{40}\"" <<<"$nuspec" || problems+=("no repository URL with a commit")
      grep -q "<releaseNotes>.*$repository/blob/main/CHANGELOG.md" <<<"$nuspec" || problems+=("release notes do not point at CHANGELOG.md")
      grep -q '<readme>README.md</readme>' <<<"$nuspec" || problems+=("readme not declared")
      grep -q '<icon>icon.png</icon>' <<<"$nuspec" || problems+=("icon not declared")
      grep -Eq "<tags>martech marketing marketing-ops [a-z]" <<<"$nuspec" || problems+=("no package-specific tags")
      [ -f "${nupkg%.nupkg}.snupkg" ] || problems+=("no symbol package")
      readme=$(unzip -p "$nupkg" README.md)
      local link
      while read -r link; do
        [ -z "$link" ] && continue
        case $link in
          "$repository" | "$repository"/*) ;;
          *) problems+=("README links outside the repository: $link") ;;
        esac
      done < <(grep -Eo '\]\([^)]*\)' <<<"$readme" | sed 's/^](//; s/)$//')
      grep -Eq '^## Start' <<<"$readme" || problems+=("README has no Start section")
    fi
    if [ ${#problems[@]} -eq 0 ]; then
      printf '  ok   %s\n' "$name"
    else
      printf '  FAIL %s: %s\n' "$name" "$(IFS=';'; echo "${problems[*]}")"
      failures=$((failures + 1))
    fi
  done
  [ "$failures" -eq 0 ]
}

hosting_version() {
  sed -n 's:.*<PackageVersion Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*:\1:p' "$repo/Directory.Packages.props"
}

# A fresh console project: dotnet new, the test's Program.cs and appsettings.json, and package references only.
new_app() {
  local dir=$1 name=$2 source=$3
  shift 3
  dotnet new console --name "$name" --output "$dir" --no-restore "$@" >/dev/null || return 1
  cp "$here/$source/Program.cs" "$dir/Program.cs" || return 1
  cp "$here/appsettings.json" "$dir/appsettings.json" || return 1
  # appsettings.json next to the program, as any app that reads it has.
  sed -i 's|</Project>|  <ItemGroup>\n    <None Update="appsettings.json" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />\n  </ItemGroup>\n</Project>|' "$dir/$name.csproj" || return 1
}

add_packages() {
  local dir=$1 package
  shift
  for package in "$@"; do
    dotnet add "$dir" package "$package" --version "$version" --no-restore >/dev/null || return 1
  done
  dotnet add "$dir" package Microsoft.Extensions.Hosting --version "$(hosting_version)" --no-restore >/dev/null || return 1
}

# Martech.Sdk packages must have come from the local folder: NuGet records each package's source when it extracts it.
check_sources() {
  local metadata found=0 bad=0
  for metadata in "$packages"/martech.sdk*/"${version,,}"/.nupkg.metadata; do
    [ -f "$metadata" ] || continue
    found=$((found + 1))
    if ! grep -q "\"source\": \"$feed/\?\"" "$metadata"; then
      say "$(basename "$(dirname "$(dirname "$metadata")")") was not restored from $feed: $(grep '"source"' "$metadata")"
      bad=1
    fi
  done
  if [ "$found" -eq 0 ]; then
    say "no Martech.Sdk package $version was restored into $packages"
    return 1
  fi
  say "$found Martech.Sdk packages of $version in the global packages folder, each restored from $feed"
  [ "$bad" -eq 0 ]
}

app() {
  # The temporary folder's nuget.config adds the local folder and keeps the machine's sources (no <clear/>).
  cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="martech-local" value="$feed" />
  </packageSources>
</configuration>
EOF
  new_app "$work/app" NewUserApp app || return 1
  add_packages "$work/app" Martech.Sdk.SendGrid Martech.Sdk.HubSpot Martech.Sdk.Testing || return 1
  dotnet restore "$work/app" -v:minimal || return 1
  check_sources || return 1
  dotnet build "$work/app" --no-restore -nologo -clp:NoSummary -v:minimal || return 1
  # A hang (an emulator that never answers) fails the step instead of holding CI until its own limit.
  (cd "$work/app" && timeout --kill-after=10s 180s dotnet run --no-build)
}

aot_publish() {
  local rid
  case $(uname -m) in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) say "no Native AOT runtime identifier for $(uname -m)"; return 1 ;;
  esac
  new_app "$work/aot" NewUserAot aot --aot || return 1
  add_packages "$work/aot" Martech.Sdk.SendGrid Martech.Sdk.HubSpot || return 1
  local log=$work/aot-publish.log rc
  dotnet publish "$work/aot" -c Release -r "$rid" -nologo -clp:NoSummary -v:minimal 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  check_sources || return 1
  local warnings
  warnings=$(grep -Eo 'warning IL[23][0-9]{3}[^[]*' "$log" | sort -u)
  if [ -n "$warnings" ]; then
    say "Native AOT publish: $(grep -c . <<<"$warnings") IL2xxx/IL3xxx warning(s):"
    printf '%s\n' "$warnings"
    return 1
  fi
  [ "$rc" -eq 0 ] || return 1
  aot_binary=$work/aot/bin/Release/net10.0/$rid/publish/NewUserAot
  [ -x "$aot_binary" ] || { say "no native binary at $aot_binary"; return 1; }
  say "Native AOT publish: 0 IL2xxx/IL3xxx warnings; $(du -h "$aot_binary" | cut -f1) native binary"
}

aot_run() {
  (cd "$work/app" && timeout --kill-after=10s 180s dotnet run --no-build -- --run "$aot_binary")
}

total=$(now)
step pack pack
step "package check" check_packages
step "app: email through SendGrid, contact through HubSpot" app
if [ "$aot" -eq 1 ]; then
  step "Native AOT publish" aot_publish
  step "Native AOT app against the emulators" aot_run
else
  say "Native AOT steps skipped (--no-aot)"
fi
say "passed in $(elapsed "$total")s (${timings[*]})"
