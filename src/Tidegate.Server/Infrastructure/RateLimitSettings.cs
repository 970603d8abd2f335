namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Tidegate:RateLimits, with every default here. Two layers:
/// <list type="bullet">
/// <item><b>PerAddress</b>: a flood guard per client address (IPv6 grouped by /64), sized for
/// carrier NAT, where hundreds of phones share one address: it stops one machine flooding, not a crowd.</item>
/// <item><b>PerVisitor</b>: fairness keyed on who the visitor is (the admission token, the queue
/// ticket, the member, or the email's keyed lookup hash), never on the address.</item>
/// <item><b>SignIn</b>: staff sign-in attempts per address, per minute.</item>
/// </list>
/// Enabled=false turns both off (tests and the bench, whose simulated visitors share one address).
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Tidegate:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>IPv6 clients count as one per prefix of this length: a home or a phone gets a whole /64.</summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>A few hundred visitors behind one address each book once and poll the waiting room every 1–10 s.</summary>
    public PolicyLimits PerAddress { get; set; } = new()
    {
        Bookings = new() { PerSecond = 100, Burst = 600 },
        Polls = new() { PerSecond = 300, Burst = 1200 },
        Reads = new() { PerSecond = 300, Burst = 1200 },
    };

    /// <summary>
    /// One person: a booking attempt a second after ten quick ones; a waiting-room poll twice a
    /// second. Reads (availability) are anonymous: no visitor to key on, so PerVisitor:Reads is not used.
    /// </summary>
    public PolicyLimits PerVisitor { get; set; } = new()
    {
        Bookings = new() { PerSecond = 1, Burst = 10 },
        Polls = new() { PerSecond = 2, Burst = 10 },
        Reads = new() { PerSecond = 50, Burst = 100 },
    };

    /// <summary>
    /// Staff sign-in attempts per client address (POST /api/v1/staff/session and the console form),
    /// besides each account's lockout, which alone lets one address try five passwords on every
    /// account. Sized for a venue whose staff share one public address: a morning's shift signing in
    /// at once fits in the burst.
    /// </summary>
    public SignInBucket SignIn { get; set; } = new();

    public sealed class SignInBucket
    {
        public int PerMinute { get; set; } = 10;
        public int Burst { get; set; } = 30;
    }

    public sealed class PolicyLimits
    {
        public Bucket Bookings { get; set; } = new();
        public Bucket Polls { get; set; } = new();
        public Bucket Reads { get; set; } = new();

        public Bucket For(string policy) => policy switch
        {
            RateLimits.Bookings => Bookings,
            RateLimits.Polls => Polls,
            _ => Reads,
        };
    }

    /// <summary>A token bucket: Burst requests at once, refilled by PerSecond each second.</summary>
    public sealed class Bucket
    {
        public int PerSecond { get; set; } = 1;
        public int Burst { get; set; } = 1;
    }

    public bool IsValid() => Ipv6PrefixLength is >= 1 and <= 128 && SignIn is { PerMinute: > 0, Burst: > 0 } &&
        new[] { PerAddress, PerVisitor }.SelectMany(l => new[] { l.Bookings, l.Polls, l.Reads }).All(b => b.PerSecond > 0 && b.Burst > 0);
}
