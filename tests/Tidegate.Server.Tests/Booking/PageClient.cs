namespace Tidegate.Server.Tests.Booking;

/// <summary>The visitor pages as a browser reaches them: cookies kept, redirects shown; and a slot sold out as guests would.</summary>
public static class PageClient
{
    /// <summary>A client that keeps cookies, as a browser does, and shows redirects rather than following them.</summary>
    public static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.CreateClient().BaseAddress,
        };

    /// <summary>Sells every online place of a slot, ten at a time, as guests would.</summary>
    public static async Task FillSlotAsync(TestApp app, DateOnly date, int startMinute)
    {
        var client = app.CreateClient();
        var start = $"{startMinute / 60:00}:{startMinute % 60:00}";
        for (var i = 0; ; i++)
        {
            var response = await client.PostJson("/api/v1/bookings", Api.Guest(IsoDate(date), start, adult: 10, email: $"fill{i}@example.com"));
            if (response.StatusCode != HttpStatusCode.Created) break;
        }
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
