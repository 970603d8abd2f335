using Tidegate.Domain.Common;
using Tidegate.Domain.Queue;

namespace Tidegate.Domain.Tests.Queue;

public class QueueRulesTests
{
    private static readonly QueueSettings Settings = new()
    {
        GuardBeforeMinutes = 15, GuardAfterMinutes = 30, AdmissionsPerSecond = 100, AdmissionSeconds = 300, MaxOutstanding = 1000,
    };
    private static readonly DateTimeOffset Opens = DateTimeOffset.Parse("2026-11-20T00:00:00+09:00");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(9, 3)]
    [InlineData(28, 10)]
    [InlineData(30, 10)]
    [InlineData(3_600, 10)]
    public void Pages_poll_after_a_third_of_the_wait_between_one_and_ten_seconds(int waitSeconds, int pollAfter) =>
        Assert.Equal(pollAfter, QueueRules.PollAfterSeconds(waitSeconds));

    [Theory]
    [InlineData("2026-11-19T23:44:59+09:00", false, false)]
    [InlineData("2026-11-19T23:45:00+09:00", false, true)]
    [InlineData("2026-11-20T00:00:00+09:00", false, true)]
    [InlineData("2026-11-20T00:29:59+09:00", false, true)]
    [InlineData("2026-11-20T00:30:00+09:00", false, false)]
    [InlineData("2026-12-01T12:00:00+09:00", true, true)]
    public void A_date_is_guarded_around_its_opening_or_when_marked(string now, bool marked, bool guarded) =>
        Assert.Equal(guarded, QueueRules.IsGuarded(Opens, DateTimeOffset.Parse(now), Settings, marked));

    [Fact]
    public void Automatic_guarding_can_be_switched_off_but_marks_still_guard()
    {
        var off = Settings with { AutoGuard = false };
        Assert.False(QueueRules.IsGuarded(Opens, Opens, off, marked: false));
        Assert.True(QueueRules.IsGuarded(Opens, Opens, off, marked: true));
    }

    [Fact]
    public void The_shuffle_is_a_permutation_fixed_by_its_seed()
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var order = QueueRules.Shuffle(1000, seed);
        Assert.Equal(Enumerable.Range(1, 1000), order.Order());
        Assert.Equal(order, QueueRules.Shuffle(1000, seed));
        Assert.NotEqual(Enumerable.Range(1, 1000), order);
        var other = (byte[])seed.Clone();
        other[0] ^= 1;
        Assert.NotEqual(order, QueueRules.Shuffle(1000, other));
        Assert.Empty(QueueRules.Shuffle(0, seed));
    }

    [Fact]
    public void The_shuffle_gives_every_early_arrival_an_even_chance_of_the_front()
    {
        var firsts = new int[4];
        for (var s = 0; s < 4000; s++)
            firsts[Array.IndexOf(QueueRules.Shuffle(4, BitConverter.GetBytes(s).Concat(new byte[28]).ToArray()), 1)]++;
        Assert.All(firsts, count => Assert.InRange(count, 850, 1150));
    }

    [Theory]
    [InlineData(0, 5000, 1.0, 0, 100)]      // the rate
    [InlineData(0, 5000, 0.25, 0, 25)]
    [InlineData(0, 5000, 60.0, 0, 100)]     // a long pause admits at most one second's worth
    [InlineData(0, 40, 1.0, 0, 40)]         // never past the last joiner
    [InlineData(100, 5000, 1.0, 950, 150)]  // room for only 50 more unused admissions
    [InlineData(100, 5000, 1.0, 1000, 100)] // full: waits for admissions to be used or expire
    [InlineData(100, 50, 1.0, 0, 100)]      // never backwards
    public void Admission_advances_at_the_rate_within_the_outstanding_bound(long upTo, long last, double elapsed, long outstanding, long expected) =>
        Assert.Equal(expected, QueueRules.Advance(upTo, last, elapsed, outstanding, Settings));

    [Fact]
    public void A_waiting_place_counts_from_the_admitted_front_and_estimates_the_wait()
    {
        var progress = new QueueProgress(200, [new QueueStep(100, Opens), new QueueStep(200, Opens.AddSeconds(1))]);
        var now = Opens.AddSeconds(2);
        var waiting = Assert.IsType<QueueStanding.Waiting>(QueueRules.Standing(500, progress, now, Settings));
        Assert.Equal(300, waiting.Place);
        Assert.Equal(15, waiting.EstimatedWaitSeconds); // 200 admitted in the last 10 s: 20/s
        var fresh = Assert.IsType<QueueStanding.Waiting>(QueueRules.Standing(500, QueueProgress.None, now, Settings));
        Assert.Equal(5, fresh.EstimatedWaitSeconds); // nothing moved yet: the configured 100/s
    }

    [Fact]
    public void An_admission_lasts_from_its_step_and_then_expires()
    {
        var progress = new QueueProgress(200, [new QueueStep(100, Opens), new QueueStep(200, Opens.AddSeconds(60))]);
        var first = Assert.IsType<QueueStanding.Admitted>(QueueRules.Standing(50, progress, Opens.AddSeconds(61), Settings));
        Assert.Equal(Opens.AddSeconds(300), first.ExpiresAt);
        var second = Assert.IsType<QueueStanding.Admitted>(QueueRules.Standing(150, progress, Opens.AddSeconds(301), Settings));
        Assert.Equal(Opens.AddSeconds(360), second.ExpiresAt);
        Assert.IsType<QueueStanding.Expired>(QueueRules.Standing(50, progress, Opens.AddSeconds(300), Settings));
        Assert.Equal(100, progress.UpToAt(Opens.AddSeconds(59)));
    }

    [Fact]
    public void Booking_a_guarded_date_needs_an_unexpired_admission_for_that_date()
    {
        var date = new DateOnly(2026, 12, 20);
        var claims = new AdmissionClaims("e1", date, 7, Opens.AddMinutes(5));
        Assert.Null(QueueRules.CheckAdmission(claims, date, Opens));
        Assert.Equal(ErrorCodes.QueueRequired, QueueRules.CheckAdmission(null, date, Opens)?.Code);
        Assert.Equal(ErrorCodes.QueueRequired, QueueRules.CheckAdmission(claims, date.AddDays(1), Opens)?.Code);
        Assert.Equal(ErrorCodes.QueueRequired, QueueRules.CheckAdmission(claims, date, Opens.AddMinutes(5))?.Code);
    }
}
