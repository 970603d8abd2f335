using System.Security.Cryptography;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

/// <summary>The password a new account gets when nobody chose one (`staff create`, the console): random, shown once.</summary>
public static class OneTimePassword
{
    public static string New() => Tokens.Base64Url(RandomNumberGenerator.GetBytes(15)); // 20 characters
}
