namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The application's clock: system time plus an offset that only the dev tools move
/// (Tidegate:Clock:Start, PUT /api/v1/dev/clock). Everything reads time through it. Tests may
/// also <see cref="Freeze"/> it at an instant, when they assert that exact instant back.
/// </summary>
public sealed class AppClock : TimeProvider
{
    private const long Running = -1;
    private long _offsetTicks;
    private long _frozenUtcTicks = Running;

    public override DateTimeOffset GetUtcNow() => Interlocked.Read(ref _frozenUtcTicks) is var frozen and not Running
        ? new DateTimeOffset(frozen, TimeSpan.Zero)
        : base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the clock to <paramref name="now"/>; it runs forward from there.</summary>
    public void Set(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _offsetTicks, (now - base.GetUtcNow()).Ticks);
        Interlocked.Exchange(ref _frozenUtcTicks, Running);
    }

    /// <summary>
    /// Stops the clock at <paramref name="now"/> until the next <see cref="Set"/> or <see cref="Advance"/>
    /// moves it: what the server records then is that instant, however slow the machine.
    /// </summary>
    public void Freeze(DateTimeOffset now) => Interlocked.Exchange(ref _frozenUtcTicks, now.UtcTicks);

    public void Advance(TimeSpan by)
    {
        if (Interlocked.Read(ref _frozenUtcTicks) is not Running) Interlocked.Add(ref _frozenUtcTicks, by.Ticks);
        else Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
