using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;

namespace Tidegate.Domain.Tests.Staff;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-pass1")] // 11 characters
    [InlineData("password1234")]
    [InlineData("Password2026!")]
    [InlineData("QWERTYUIOP12")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("tidegate2026")]
    public void Weak_passwords_are_refused(string? password) =>
        Assert.Equal(ErrorCodes.WeakPassword, PasswordPolicy.Check(password)?.Code);

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("kQ7#vL2m!pZ9")] // exactly 12
    [InlineData("sharks-and-rays-at-10")]
    public void Long_uncommon_passwords_pass(string password) => Assert.Null(PasswordPolicy.Check(password));
}
