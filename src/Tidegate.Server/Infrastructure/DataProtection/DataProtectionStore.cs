using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Infrastructure.DataProtection;

public static class DataProtectionStore
{
    /// <summary>Keeps the key ring in the database, each key's secret encrypted with the data key; nothing on disk.</summary>
    public static IDataProtectionBuilder PersistKeysToTidegateDatabase(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<Db>(), sp.GetRequiredService<TimeProvider>());
            o.XmlEncryptor = new DataKeyXmlEncryptor(sp.GetRequiredService<PersonalData>());
        }));
        return builder;
    }
}
