using System.Globalization;
using System.Reflection;
using System.Resources;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Tests.Site;

/// <summary>Every refusal the API can give has a plain sentence in both languages, so no page shows a bare code.</summary>
public class TextTests
{
    private static readonly ResourceManager Resources = new("Tidegate.Server.Resources.SharedResource", typeof(Program).Assembly);

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            data.Add((string)field.GetValue(null)!);
        return data;
    }

    [Theory, MemberData(nameof(Codes))]
    public void Every_error_code_has_a_sentence_in_japanese_and_english(string code)
    {
        var ja = Resources.GetString("Error_" + code, new CultureInfo("ja"));
        var en = Resources.GetString("Error_" + code, new CultureInfo("en"));
        Assert.False(string.IsNullOrWhiteSpace(ja), $"no Japanese text for {code}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English text for {code}");
        Assert.NotEqual(ja, en);
    }
}
