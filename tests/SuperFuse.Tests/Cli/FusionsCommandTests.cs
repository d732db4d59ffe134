using System.Text.Json;

namespace SuperFuse.Tests.Cli;

public sealed class FusionsCommandTests
{
    [Fact]
    public void Json_lists_every_fusion_with_table_1_numbers()
    {
        var (exit, stdout, _) = CliRunner.Run("fusions", "--dims", "768,768", "--json");
        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (r.GetProperty("output_dim").GetInt64(), r.GetProperty("parameters").GetInt64()));
        Assert.Equal((1536L, 49_250L), rows["concat"]);
        Assert.Equal((1536L, 49_250L), rows["product"]);
        Assert.Equal((589_824L, 18_874_466L), rows["tensor"]);
        Assert.Equal((591_361L, 18_923_650L), rows["tfn"]);
    }

    [Fact]
    public void Table_marks_product_as_not_applicable_on_unequal_dims()
    {
        var (exit, stdout, _) = CliRunner.Run("fusions", "--dims", "512,384");
        Assert.Equal(0, exit);
        Assert.Contains("n/a", stdout, StringComparison.Ordinal);
        Assert.Contains("197,", stdout, StringComparison.Ordinal); // tensor: 512·384 = 196,608 → 6.3 M parameters
    }
}
