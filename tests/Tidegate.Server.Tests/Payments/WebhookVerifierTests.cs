using System.Text;
using Tidegate.Domain.Payments;
using Tidegate.Server.Features.Payments;

namespace Tidegate.Server.Tests.Payments;

/// <summary>The signature check as the server runs it (the SDK's EventUtility), over what our signer produces.</summary>
public class WebhookVerifierTests
{
    private const string Secret = "whsec_test";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\"}");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.Parse("2026-11-20T00:00:00+09:00");
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static SignatureCheck Verify(string? header, byte[]? body = null, int secondsLater = 0, string secret = Secret) =>
        WebhookVerifier.Verify(header, body ?? Body, secret, SignedAt.AddSeconds(secondsLater), Tolerance);

    [Fact]
    public void A_fresh_signature_over_the_exact_body_is_valid() =>
        Assert.Equal(SignatureCheck.Valid, Verify(WebhookSignature.Sign(Secret, SignedAt, Body), secondsLater: 299));

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("garbage", SignatureCheck.Malformed)]
    [InlineData("t=1795100400", SignatureCheck.Malformed)]
    [InlineData("v1=abcd", SignatureCheck.Malformed)]
    [InlineData("t=abc,v1=abcd", SignatureCheck.Malformed)]
    [InlineData("t=1795100400,v1=abcd", SignatureCheck.Mismatch)]
    public void Bad_headers_are_refused(string? header, SignatureCheck expected) => Assert.Equal(expected, Verify(header));

    [Fact]
    public void A_changed_body_or_another_secret_is_a_mismatch()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        Assert.Equal(SignatureCheck.Mismatch, Verify(header, Encoding.UTF8.GetBytes("{\"id\":\"evt_2\"}")));
        Assert.Equal(SignatureCheck.Mismatch, Verify(header, secret: "other"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void A_signature_outside_the_tolerance_is_stale(int secondsLater) =>
        Assert.Equal(SignatureCheck.Stale, Verify(WebhookSignature.Sign(Secret, SignedAt, Body), secondsLater: secondsLater));

    [Fact]
    public void Any_of_several_v1_entries_may_match_during_secret_rotation()
    {
        var good = WebhookSignature.Sign(Secret, SignedAt, Body);
        Assert.Equal(SignatureCheck.Valid, Verify($"{good},v1=0000"));
        Assert.Equal(SignatureCheck.Valid, Verify("t=1795100400,v1=0000," + good.Split(',')[1]));
    }
}
