using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure.DataProtection;

/// <summary>
/// The data-protection key ring in the database (table data_protection_keys), so every instance
/// reads and writes the same keys: a form or cookie protected by one instance is read by any
/// other. Each key's secret arrives here already encrypted by <see cref="DataKeyXmlEncryptor"/>.
/// The framework calls this synchronously and rarely (at start, when a key is created or unknown,
/// and about once a day), so the waits below are off any hot path.
/// </summary>
public sealed class DbXmlRepository(Db db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, id");
        return (IReadOnlyCollection<XElement>)rows.Select(xml => XElement.Parse(xml)).ToList();
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(() => db.WriteAsync((connection, tx) =>
        connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (id, friendly_name, xml, created_at) VALUES (@Id, @FriendlyName, @Xml, @CreatedAt)",
            new
            {
                Id = Guid.CreateVersion7().ToString(), FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting),
                CreatedAt = clock.GetUtcNow(),
            }, tx))).GetAwaiter().GetResult();
}
