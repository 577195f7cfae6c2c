using System.Text;

namespace SlaMonitorSample;

/// <summary>A plain-text table with aligned columns: text left, numbers (columns marked with a leading '>') right.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row has {cells.Length} cells; the table has {headers.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        string[] names = [.. headers.Select(h => h.TrimStart('>'))];
        bool[] right = [.. headers.Select(h => h.StartsWith('>'))];
        int[] widths = [.. names.Select((n, i) => _rows.Select(r => r[i].Length).Prepend(n.Length).Max())];
        var text = new StringBuilder();
        Line(text, names, widths, right);
        Line(text, [.. widths.Select(w => new string('-', w))], widths, right);
        foreach (string[] row in _rows)
        {
            Line(text, row, widths, right);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool[] right)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(right[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
