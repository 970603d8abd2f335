using Tidegate.Domain.Common;
using Tidegate.Domain.Payments;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Payments;

public class CancellationRulesTests
{
    private static readonly VenueTime Tokyo = VenueTime.Of("Asia/Tokyo");
    private static readonly DateOnly Visit = new(2026, 12, 20);

    [Theory]
    [InlineData("confirmed", "2026-12-18T12:00:00+09:00", null)]
    [InlineData("confirmed", "2026-12-19T23:59:59+09:00", null)]            // the last second of the day before
    [InlineData("confirmed", "2026-12-19T14:59:59+00:00", null)]            // same instant in UTC: the venue's zone decides
    [InlineData("confirmed", "2026-12-20T00:00:00+09:00", ErrorCodes.CancellationClosed)]
    [InlineData("confirmed", "2026-12-19T15:00:00+00:00", ErrorCodes.CancellationClosed)]
    [InlineData("confirmed", "2026-12-20T11:00:00+09:00", ErrorCodes.CancellationClosed)]
    [InlineData("held", "2026-12-20T10:00:00+09:00", null)]                 // an unpaid hold can always be let go
    public void Cancellation_closes_at_midnight_venue_time_before_the_visit(string status, string now, string? code)
    {
        Assert.Equal(code, CancellationRules.Check(status, Visit, Tokyo, DateTimeOffset.Parse(now))?.Code);
    }

    [Fact]
    public void The_refusal_says_when_it_closed()
    {
        var error = CancellationRules.Check("confirmed", Visit, Tokyo, DateTimeOffset.Parse("2026-12-20T09:00:00+09:00"))!;
        Assert.Equal(DateTimeOffset.Parse("2026-12-20T00:00:00+09:00"), (DateTimeOffset)error.Extra!["closedAt"]!);
        Assert.Contains("2026-12-19 23:59", error.Detail);
    }
}
