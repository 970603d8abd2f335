using Tidegate.Domain.Gates;
using Tidegate.Domain.Tickets;

namespace Tidegate.Domain.Tests.Gates;

public class EntryRulesTests
{
    private static readonly DateOnly Visit = new(2026, 12, 20);
    private static readonly TicketClaims Claims = new(Guid.CreateVersion7(), Visit, 630, 3, 1);
    private static readonly EntryWindow Window = new();
    private static readonly TicketState Ticket = new("confirmed", 1, 3, 0, null, null, Visit,
        DateTimeOffset.Parse("2026-12-20T10:30:00+09:00"), DateTimeOffset.Parse("2026-12-20T10:45:00+09:00"));

    private static EntryDecision Decide(string at, TicketState? ticket = null, TicketClaims? claims = null, int? admit = null,
        string today = "2026-12-20", EntryWindow? window = null) =>
        EntryRules.Decide(claims ?? Claims, ticket ?? Ticket, admit, DateTimeOffset.Parse(at), DateOnly.Parse(today), window ?? Window);

    [Theory]
    [InlineData("2026-12-20T10:15:00+09:00")] // the window opens 15 minutes before the slot
    [InlineData("2026-12-20T10:30:00+09:00")]
    [InlineData("2026-12-20T11:14:59+09:00")] // and closes 30 minutes after it ends
    public void A_paid_ticket_admits_the_whole_party_inside_the_window(string at)
    {
        var decision = Decide(at);
        Assert.Equal(ScanReasons.Admitted, decision.Result);
        Assert.Equal(3, decision.Admit);
    }

    [Theory]
    [InlineData("2026-12-20T10:14:59+09:00", ScanReasons.TooEarly)]
    [InlineData("2026-12-20T08:00:00+09:00", ScanReasons.TooEarly)]
    [InlineData("2026-12-20T11:15:00+09:00", ScanReasons.TooLate)]
    [InlineData("2026-12-20T17:00:00+09:00", ScanReasons.TooLate)]
    public void Outside_the_window_it_is_too_early_or_too_late(string at, string reason)
    {
        var decision = Decide(at);
        Assert.Equal(ScanReasons.Rejected, decision.Result);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(0, decision.Admit);
    }

    [Fact]
    public void Too_early_says_when_to_come_back()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-12-20T10:15:00+09:00"), Decide("2026-12-20T09:00:00+09:00").ValidFrom);
    }

    [Fact]
    public void The_window_is_configurable()
    {
        var wide = new EntryWindow(BeforeStartMinutes: 60, AfterEndMinutes: 0);
        Assert.True(Decide("2026-12-20T09:30:00+09:00", window: wide).IsAdmitted);
        Assert.Equal(ScanReasons.TooLate, Decide("2026-12-20T10:45:00+09:00", window: wide).Reason);
    }

    public static TheoryData<string, TicketState?, TicketClaims?, string> Refusals() => new()
    {
        { "missing claims (bad code)", Ticket, null, ScanReasons.Invalid },
        { "unknown booking", null, Claims, ScanReasons.Invalid },
        { "cancelled", Ticket with { Status = "cancelled" }, Claims, ScanReasons.Revoked },
        { "moved: older serial", Ticket with { Serial = 2 }, Claims, ScanReasons.Revoked },
        { "held, never paid", Ticket with { Status = "held" }, Claims, ScanReasons.NotPaid },
        { "expired hold", Ticket with { Status = "expired" }, Claims, ScanReasons.NotPaid },
        { "another day", Ticket with { Date = Visit.AddDays(1) }, Claims, ScanReasons.WrongDate },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void Refusals_carry_the_contract_reason(string why, TicketState? ticket, TicketClaims? claims, string reason)
    {
        var decision = EntryRules.Decide(claims, ticket, null, DateTimeOffset.Parse("2026-12-20T10:30:00+09:00"), Visit, Window);
        Assert.True(reason == decision.Reason, why);
        Assert.False(decision.IsAdmitted);
    }

    [Fact]
    public void A_ticket_for_yesterday_is_wrong_date_today()
    {
        Assert.Equal(ScanReasons.WrongDate, Decide("2026-12-21T10:30:00+09:00", today: "2026-12-21").Reason);
    }

    [Fact]
    public void Staff_may_admit_fewer_and_the_rest_later()
    {
        Assert.Equal(2, Decide("2026-12-20T10:30:00+09:00", admit: 2).Admit);
        var rest = Decide("2026-12-20T10:40:00+09:00", Ticket with { AdmittedPersons = 2 });
        Assert.Equal(1, rest.Admit);
        Assert.Equal(1, Decide("2026-12-20T10:40:00+09:00", Ticket with { AdmittedPersons = 2 }, admit: 5).Admit);
    }

    [Fact]
    public void Once_all_are_in_a_scan_is_refused_with_the_first_time_and_gate()
    {
        var first = DateTimeOffset.Parse("2026-12-20T10:31:00+09:00");
        var decision = Decide("2026-12-20T10:40:00+09:00", Ticket with { AdmittedPersons = 3, FirstUsedAt = first, FirstGateId = "east-1" });
        Assert.Equal(ScanReasons.AlreadyUsed, decision.Reason);
        Assert.Equal(first, decision.FirstUsedAt);
        Assert.Equal("east-1", decision.FirstGateId);
    }
}
