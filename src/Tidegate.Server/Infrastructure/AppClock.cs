namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The application's clock: system time plus an offset that only the dev tools move
/// (Tidegate:Clock:Start, PUT /api/v1/dev/clock). Everything reads time through it.
/// </summary>
public sealed class AppClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the clock to <paramref name="now"/>; it runs forward from there.</summary>
    public void Set(DateTimeOffset now) =>
        Interlocked.Exchange(ref _offsetTicks, (now - base.GetUtcNow()).Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
