using System.Text;
using Tidegate.Domain.Payments;

namespace Tidegate.Domain.Tests.Payments;

/// <summary>Our signer (used by the sandbox and the test fakes); verification is the SDK's, tested in the server tests.</summary>
public class WebhookSignatureTests
{
    private const string Secret = "whsec_test";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\"}");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.Parse("2026-11-20T00:00:00+09:00");

    [Fact]
    public void It_matches_the_published_scheme()
    {
        // t=1795100400 and HMAC-SHA256("whsec_test", "1795100400." + body), as a provider computes it.
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1795100400." + Encoding.UTF8.GetString(Body))));
        Assert.Equal($"t=1795100400,v1={expected}", header);
    }
}
