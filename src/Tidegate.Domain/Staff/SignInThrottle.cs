using Tidegate.Domain.Common;

namespace Tidegate.Domain.Staff;

/// <summary>
/// Lockout after repeated failures: the <see cref="MaxFailures"/>th failure in a row locks the
/// account for <see cref="LockFor"/>; while locked every attempt, right or wrong, is answered
/// <c>429 throttled</c> and not counted. A success resets the count.
/// </summary>
public static class SignInThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    public sealed record State(int FailedAttempts, DateTimeOffset? LockedUntil);

    /// <summary>Refuses the attempt while the account is locked.</summary>
    public static Error? Check(State state, DateTimeOffset now) =>
        state.LockedUntil is { } until && until > now ? Throttled(until, now) : null;

    /// <summary>The state after one more failure: locked when it reaches the limit (the count starts again after a lock).</summary>
    public static State AfterFailure(State state, DateTimeOffset now)
    {
        var failures = (state.LockedUntil is { } until && until <= now ? 0 : state.FailedAttempts) + 1;
        return failures >= MaxFailures ? new State(0, now + LockFor) : new State(failures, state.LockedUntil);
    }

    public static Error Throttled(DateTimeOffset until, DateTimeOffset now) =>
        new Error(ErrorCodes.Throttled, "Too many failed sign-ins: this account is locked for a while.")
            .With("retryAfter", (int)Math.Ceiling(Math.Max(1, (until - now).TotalSeconds)));
}
