using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Infrastructure.DataProtection;

/// <summary>
/// Encrypts each data-protection key's secret at rest with the personal-data key (AES-256-GCM,
/// versioned: <see cref="PersonalData"/>), so the key table alone, or a copy of the database,
/// cannot forge or read anti-forgery tokens and cookies.
/// </summary>
public sealed class DataKeyXmlEncryptor(PersonalData crypto) : IXmlEncryptor
{
    internal const string ElementName = "dataKeyEncrypted";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(
        new XElement(ElementName, new XComment(" Encrypted with Tidegate's data key (Tidegate:Secrets:DataKeys). "),
            new XElement("value", crypto.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting)))),
        typeof(DataKeyXmlDecryptor));
}

/// <summary>Reverses <see cref="DataKeyXmlEncryptor"/>; the framework creates it by type name with the app's services.</summary>
public sealed class DataKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value
            ?? throw new InvalidOperationException($"A data-protection key's <{DataKeyXmlEncryptor.ElementName}> has no value.");
        return XElement.Parse(services.GetRequiredService<PersonalData>().Decrypt(value));
    }
}
