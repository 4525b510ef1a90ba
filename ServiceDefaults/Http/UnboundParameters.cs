using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Zaili.ServiceDefaults.Http;

/// <summary>
/// Names the route or query value that could not be bound when an endpoint answered a bare 400. Endpoints
/// compiled by the request delegate generator refuse such a value without saying which one, so the value is
/// parsed again here, the way the binding did, from the parameters the endpoint describes in its metadata.
/// </summary>
internal static class UnboundParameters
{
    public static string? FirstUnparsable(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(parameter => parameter.HasTryParse))
        {
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var routeValue) ? routeValue?.ToString()
                : context.Request.Query.TryGetValue(parameter.Name, out var queryValue) ? queryValue.ToString()
                : null;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!string.IsNullOrEmpty(raw) && !type.IsArray && !Parses(type, raw))
            {
                return parameter.Name;
            }
        }
        return null;
    }

    private static bool Parses(Type type, string raw)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, raw, ignoreCase: false, out _);
        }
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
        {
            return (bool)withProvider.Invoke(null, [raw, System.Globalization.CultureInfo.InvariantCulture, null])!;
        }
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        // A type parsed some other way is not judged here: the caller keeps the plain 400.
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }
}
