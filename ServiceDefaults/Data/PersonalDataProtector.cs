using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Zaili.ServiceDefaults.Data;

/// <summary>
/// Protects personal data at rest (identity numbers, phone numbers): AES-256-GCM with a key derived from
/// the installation's secret <c>Zaili:PersonalDataKey</c> (given by the AppHost, never in code), and a
/// keyed hash for finding or de-duplicating a value without decrypting every row.
/// Stored form: nonce (12 bytes) | tag (16 bytes) | ciphertext.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string ConfigurationKey = "Zaili:PersonalDataKey";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;

    public PersonalDataProtector(IConfiguration configuration)
        : this(configuration[ConfigurationKey] ?? throw new InvalidOperationException($"{ConfigurationKey} is not configured"))
    {
    }

    public PersonalDataProtector(string secret)
    {
        if (secret.Length < 32)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must have at least 32 characters");
        }
        var material = Encoding.UTF8.GetBytes(secret);
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, info: "zaili/personal-data/encryption"u8.ToArray());
        _lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, info: "zaili/personal-data/lookup"u8.ToArray());
    }

    public byte[] Protect(string value)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var stored = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = stored.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize));
        return stored;
    }

    public string Unprotect(byte[] stored)
    {
        var plaintext = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>A stable keyed hash: equal values hash equal, and without the key the hash reveals nothing.</summary>
    public string LookupHash(string value) =>
        Convert.ToHexString(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(value))).ToLowerInvariant();
}
