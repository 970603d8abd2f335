using System.Text.RegularExpressions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>
/// Issue 12, item 7: the form and the hold page speak as a Japanese venue writes (入館枠, not 席; prices
/// 税込), the party never lists zero counts nor "0〜3歳1", English counts people in correct plurals
/// and says its times are Japan time.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BookingWordsTests(Browsers browsers)
{
    public static TheoryData<int, string> Cases => new()
    {
        { 360, "ja-JP" }, { 360, "en-US" }, { 1280, "ja-JP" }, { 1280, "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task The_form_and_the_hold_say_entry_slots_tax_included_and_the_party_in_natural_words(int width, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var size = ($"w{width}", width, 900);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);

        await page.GotoAsync("/book/2026-12-20/10:30");
        var form = await page.InnerTextAsync("main");
        Assert.DoesNotContain("席", form);
        Assert.Contains(english ? "¥2,600 incl. tax" : "2,600円（税込）", await page.InnerTextAsync("label[for=Adult]"));
        Assert.Equal(english ? "Under 4 (free)" : "0〜3歳（無料）", (await page.InnerTextAsync("label[for=Toddler]")).Trim());
        Assert.Equal(english ? "Hold places and pay" : "入館枠を確保してお支払いへ", (await page.InnerTextAsync("#submit")).Trim());
        Assert.Contains(english ? "held for 10 minutes" : "確保した入館枠は10分間お取り置きします", form);
        if (english) Assert.Contains("Japan time", await page.InnerTextAsync(".slot-summary"));
        Assert.Equal(english ? "¥2,600 incl. tax · 1 person" : "2,600円（税込）・1名", await page.InnerTextAsync("#total"));
        await page.SelectOptionAsync("#Adult", "2");
        await page.SelectOptionAsync("#Child", "1");
        await page.SelectOptionAsync("#Toddler", "1");
        Assert.Equal(english ? "¥6,500 incl. tax · 4 people" : "6,500円（税込）・4名", await page.InnerTextAsync("#total"));
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", $"words.{width}.{locale}@example.com");
        await page.CheckAsync("#AcceptTerms");
        await page.AssertFitsAsync(size);
        await page.ShotAsync($"words-book-{locale}-{width}");

        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        Assert.Equal(english ? "2 adults, 1 child, 1 child under 4" : "大人2名・小人1名・0〜3歳のお子様1名", await page.InnerTextAsync("#party"));
        Assert.Equal(english ? "¥6,500 incl. tax" : "6,500円（税込）", await page.InnerTextAsync("#amount"));
        var hold = await page.InnerTextAsync("main");
        Assert.DoesNotContain("席", hold);
        Assert.DoesNotContain(english ? "0 infant" : "幼児0", hold);
        Assert.Contains(english ? "Give up these places" : "予約をやめて入館枠を開放する", hold);
        if (english) Assert.Contains("Japan time", await page.InnerTextAsync(".summary"));
        await page.AssertFitsAsync(size);
        await page.ShotAsync($"words-hold-{locale}-{width}");
        await page.Context.CloseAsync();
    }
}
