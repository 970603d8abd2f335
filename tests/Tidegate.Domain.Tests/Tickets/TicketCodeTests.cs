using Tidegate.Domain.Tickets;

namespace Tidegate.Domain.Tests.Tickets;

public class TicketCodeTests
{
    private static readonly TicketKeys Keys = TicketKeys.Generate("k1");
    private static readonly TicketClaims Claims = new(Guid.CreateVersion7(), new DateOnly(2026, 12, 20), 630, 3, 1);

    [Fact]
    public void A_signed_code_verifies_to_its_claims()
    {
        var code = Keys.Sign(Claims);
        Assert.Equal(Claims, Keys.Verify(code));
    }

    [Fact]
    public void A_code_is_short_url_safe_text()
    {
        var code = Keys.Sign(Claims);
        Assert.True(code.Length <= 140, $"{code.Length} characters");
        Assert.All(code, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    public static TheoryData<string> Forgeries()
    {
        var code = Keys.Sign(Claims);
        var bytes = Base64Url.Decode(code)!;
        var data = new TheoryData<string>
        {
            code[..^1],                              // truncated by one character
            code[..(code.Length / 2)],               // truncated by half
            code + "AA",                             // extended
            "",
            "garbage",
            "not base64url!",
            new string('A', 400),                    // oversize
            TicketKeys.Generate("k1").Sign(Claims),  // same key id, foreign key
            TicketKeys.Generate("k9").Sign(Claims),  // unknown key id
        };
        foreach (var index in new[] { 2, 5, 20, 25, bytes.Length - 1 })
        {
            var tampered = (byte[])bytes.Clone();
            tampered[index] ^= 0x01;                 // a flipped bit in header, claims or signature
            data.Add(Base64Url.Encode(tampered));
        }
        return data;
    }

    [Theory, MemberData(nameof(Forgeries))]
    public void Tampered_truncated_foreign_and_garbage_codes_do_not_verify(string code)
    {
        Assert.Null(Keys.Verify(code));
    }

    [Fact]
    public void A_rotated_key_still_verifies_the_codes_it_signed()
    {
        var (oldPrivate, oldPublic) = TicketKeys.NewKeyPair();
        var (newPrivate, newPublic) = TicketKeys.NewKeyPair();
        var before = new TicketKeys("k1", oldPrivate, new Dictionary<string, byte[]> { ["k1"] = oldPublic });
        var after = new TicketKeys("k2", newPrivate, new Dictionary<string, byte[]> { ["k1"] = oldPublic, ["k2"] = newPublic });
        var oldCode = before.Sign(Claims);
        Assert.Equal(Claims, after.Verify(oldCode));
        Assert.Equal("k2", TicketCode.Parse(after.Sign(Claims))!.KeyId);
        Assert.Null(before.Verify(after.Sign(Claims)));
    }

    [Fact]
    public void The_code_carries_no_more_than_booking_date_slot_party_and_serial()
    {
        var parsed = TicketCode.Parse(Keys.Sign(Claims with { Serial = 7, Persons = 10 }))!;
        Assert.Equal("k1", parsed.KeyId);
        Assert.Equal(Claims with { Serial = 7, Persons = 10 }, parsed.Claims);
    }
}
