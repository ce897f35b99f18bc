using CrmBridge.Cli.Output;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class TextTableTests
{
    [Fact]
    public void ToString_ChineseText_ColumnsAlignInTerminalCells()
    {
        var table = new TextTable("NAME", "CITY", "N")
            .Add("深圳市宏达贸易有限公司", "深圳", 1)
            .Add("Acme Trading", "Shenzhen", 22);

        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // 深圳市宏达贸易有限公司 is 11 characters but 22 cells wide: the next column starts at cell 24 on every line.
        Assert.Equal(24, lines[0].IndexOf("CITY", StringComparison.Ordinal));
        Assert.Equal(24, lines[2].LastIndexOf("深圳", StringComparison.Ordinal) + 11);
        Assert.Equal(24, lines[3].IndexOf("Shenzhen", StringComparison.Ordinal));
        Assert.Equal(lines[0].IndexOf('N', 5), lines[3].IndexOf("22", StringComparison.Ordinal));
    }
}
