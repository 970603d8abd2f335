namespace Tidegate.Server.Tests.Site;

/// <summary>The terms, cancellation policy, privacy notice and 特定商取引法に基づく表記 pages, from configuration, in both languages.</summary>
public class LegalPageTests
{
    [Fact]
    public async Task Each_legal_page_answers_in_both_languages_and_the_disclosure_lists_what_the_law_asks()
    {
        using var app = new TestApp("sqlite");
        var client = app.CreateClient();
        var disclosure = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/legal/tokushoho?lang=ja"));
        foreach (var row in new[] { "販売事業者", "所在地", "連絡先", "販売価格", "消費税込み", "お支払い方法", "お支払い時期", "商品の引渡し時期", "キャンセル", "登録番号" })
            Assert.Contains(row, disclosure);
        Assert.Contains("〒170-8630 東京都豊島区東池袋3-1", disclosure);
        foreach (var doc in new[] { "terms", "cancellation", "privacy", "tokushoho" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/legal/{doc}?lang=ja")).StatusCode);
            var english = await client.GetStringAsync($"/legal/{doc}?lang=en");
            Assert.Contains("lang=\"en\"", english);
            Assert.Contains("href=\"/legal/", english); // the footer and the page link the others
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/legal/anything")).StatusCode);

        using var other = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Legal:En:Terms"] = "■ Rules\nBe kind to the sharks." });
        Assert.Contains("Be kind to the sharks.", await other.CreateClient().GetStringAsync("/legal/terms?lang=en"));
    }
}
