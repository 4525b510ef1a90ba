using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Dates a request may carry: from 1900 to 2099. Nothing the town records lies outside (a birth date, a
/// contract's term, an exam), and a year 1 or 9999 is a typo or a probe that would otherwise land in figures.
/// Checked while the JSON is read, so every date field of every request is covered and answers 400 with its path.
/// </summary>
public static class JsonBounds
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new BoundedDateOnlyConverter());
        options.Converters.Add(new BoundedDateTimeOffsetConverter());
    }

    /// <summary>The converters hide the types from the OpenAPI generator; this puts their formats back.</summary>
    public static OpenApiOptions DescribeBoundedDates(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type == typeof(DateOnly) || type == typeof(DateTimeOffset))
            {
                schema.Type = JsonSchemaType.String;
                schema.Format = type == typeof(DateOnly) ? "date" : "date-time";
            }
            return Task.CompletedTask;
        });

    private static JsonException OutOfRange(string value) =>
        new($"日期 {value} 超出允许范围（{Earliest:yyyy-MM-dd} 至 {Latest:yyyy-MM-dd}）");

    private sealed class BoundedDateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("日期须为 yyyy-MM-dd 格式的字符串");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new JsonException("日期须为 yyyy-MM-dd 格式");
            }
            return day < Earliest || day > Latest ? throw OutOfRange(text) : day;
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class BoundedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var moment))
            {
                throw new JsonException("时间须为 ISO 8601 格式（如 2026-03-02T10:00:00+08:00）");
            }
            var day = DateOnly.FromDateTime(moment.UtcDateTime);
            return day < Earliest || day > Latest ? throw OutOfRange(moment.ToString("O", CultureInfo.InvariantCulture)) : moment;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
