using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using static Tidegate.Domain.Staff.SignInThrottle;

namespace Tidegate.Domain.Tests.Staff;

public class SignInThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_failure_in_a_row_locks_for_fifteen_minutes()
    {
        var state = new State(0, null);
        for (var i = 1; i < MaxFailures; i++)
        {
            state = AfterFailure(state, Now);
            Assert.Equal(new State(i, null), state);
            Assert.Null(Check(state, Now));
        }
        state = AfterFailure(state, Now);
        Assert.Equal(Now.AddMinutes(15), state.LockedUntil);
        var refused = Check(state, Now.AddMinutes(14));
        Assert.Equal(ErrorCodes.Throttled, refused?.Code);
        Assert.Equal(60, refused!.Extra!["retryAfter"]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(899, false)]
    [InlineData(900, true)]
    [InlineData(3600, true)]
    public void A_lock_lifts_when_its_time_is_up(int secondsLater, bool allowed)
    {
        var locked = new State(0, Now.AddMinutes(15));
        Assert.Equal(allowed, Check(locked, Now.AddMinutes(15).AddSeconds(secondsLater - 900)) is null);
    }

    [Fact]
    public void After_a_lapsed_lock_a_single_failure_does_not_lock_again()
    {
        var lapsed = new State(0, Now.AddMinutes(-1));
        var after = AfterFailure(lapsed, Now);
        Assert.Equal(1, after.FailedAttempts);
        Assert.Null(Check(after, Now));
    }
}
