using System.Text.Json;
using Dapper;
using Npgsql;
using Zaili.Contracts;
using Zaili.Reporting.Domain;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Reporting.Data;

/// <summary>
/// Applies one integration event to everything reporting keeps: the figures (once per message id), the
/// village directory, the status of district referrals, and the district feed (positioned, and its webhook
/// deliveries created, by the <see cref="District.FeedSequencer"/> after the commit). Used by the live
/// consumer and by a rebuild alike, so both count the same way.
/// </summary>
public static class ReadModel
{
    /// <summary>For reporting's own JSON columns (report snapshots and narratives) and HTTP reads.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var town = EventCatalog.TownOf(integrationEvent);
        await ProjectAsync(connection, transaction, messageId, integrationEvent, town, cancellationToken);
        switch (integrationEvent)
        {
            case VillageRegistered village:
                await connection.UpsertVillageAsync(village, transaction, cancellationToken);
                break;
            case MediationCaseOpened { DistrictReference: { } reference } opened:
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE district_referrals SET case_id = @CaseId, case_opened_at = @OccurredAt WHERE client_id || ':' || reference = @reference",
                    new { opened.CaseId, opened.OccurredAt, reference }, transaction, cancellationToken: cancellationToken));
                break;
            case DisputeResolved resolved:
                await CloseReferralAsync(connection, transaction, resolved.CaseId, "Resolved", resolved.OccurredAt, cancellationToken);
                break;
            case DisputeReferredOut referred:
                await CloseReferralAsync(connection, transaction, referred.CaseId, "ReferredOut", referred.OccurredAt, cancellationToken);
                break;
            case DistrictSystemRevoked revoked:
                // Recorded even for a client never seen here, so its first call is refused too; '-' covers no division.
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO district_clients (id, name, scope_code, created_at, revoked_at) VALUES (@ClientId, @ClientId, '-', @OccurredAt, @OccurredAt)
                    ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(district_clients.revoked_at, excluded.revoked_at)
                    """, new { revoked.ClientId, revoked.OccurredAt }, transaction, cancellationToken: cancellationToken));
                break;
        }
        await AppendToFeedAsync(connection, transaction, messageId, integrationEvent, town, cancellationToken);
    }

    /// <summary>Projects many events at once with binary COPY, for a rebuild inside its own transaction.</summary>
    public static async Task BulkProjectAsync(NpgsqlConnection connection, IReadOnlyList<(Guid MessageId, IIntegrationEvent Event)> events, CancellationToken cancellationToken)
    {
        await using (var projected = await connection.BeginBinaryImportAsync(
            "COPY projected_events (message_id, event_type, town_code, occurred_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (messageId, integrationEvent) in events)
            {
                await projected.StartRowAsync(cancellationToken);
                await projected.WriteAsync(messageId, NpgsqlTypes.NpgsqlDbType.Uuid, cancellationToken);
                await projected.WriteAsync(integrationEvent.GetType().Name, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(projected, EventCatalog.TownOf(integrationEvent), NpgsqlTypes.NpgsqlDbType.Char, cancellationToken);
                await projected.WriteAsync(integrationEvent.OccurredAt.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await projected.CompleteAsync(cancellationToken);
        }
        await using var contributions = await connection.BeginBinaryImportAsync(
            "COPY contributions (message_id, figure, town_code, year, village_code, department, key, label, amount) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (messageId, integrationEvent) in events)
        {
            if (EventCatalog.TownOf(integrationEvent) is not { } town)
            {
                continue;
            }
            foreach (var c in FigureProjection.ContributionsOf(integrationEvent))
            {
                await contributions.StartRowAsync(cancellationToken);
                await contributions.WriteAsync(messageId, NpgsqlTypes.NpgsqlDbType.Uuid, cancellationToken);
                await contributions.WriteAsync(c.Figure, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await contributions.WriteAsync(town, NpgsqlTypes.NpgsqlDbType.Char, cancellationToken);
                await contributions.WriteAsync(c.Year, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(contributions, c.VillageCode, NpgsqlTypes.NpgsqlDbType.Char, cancellationToken);
                await WriteNullableAsync(contributions, c.Department, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(contributions, c.Key, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(contributions, c.Label, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await contributions.WriteAsync(c.Amount, NpgsqlTypes.NpgsqlDbType.Numeric, cancellationToken);
            }
        }
        await contributions.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlTypes.NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private static Task CloseReferralAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid caseId, string outcome, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE district_referrals SET outcome = @outcome, resolved_at = @at WHERE case_id = @caseId AND outcome IS NULL",
            new { caseId, outcome, at }, transaction, cancellationToken: cancellationToken));

    private static async Task ProjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, IIntegrationEvent integrationEvent, string? town, CancellationToken cancellationToken)
    {
        var first = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO projected_events (message_id, event_type, town_code, occurred_at) VALUES (@messageId, @type, @town, @OccurredAt)
            ON CONFLICT (message_id) DO NOTHING
            """, new { messageId, type = integrationEvent.GetType().Name, town, integrationEvent.OccurredAt }, transaction, cancellationToken: cancellationToken)) == 1;
        var contributions = FigureProjection.ContributionsOf(integrationEvent);
        if (!first || town is null || contributions.Count == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO contributions (message_id, figure, town_code, year, village_code, department, key, label, amount)
            SELECT @messageId, c.figure, @town, c.year, c.village_code, c.department, c.key, c.label, c.amount
            FROM unnest(@Figures, @Years, @Villages, @Departments, @Keys, @Labels, @Amounts) AS c (figure, year, village_code, department, key, label, amount)
            """,
            new
            {
                messageId, town,
                Figures = contributions.Select(c => c.Figure).ToArray(),
                Years = contributions.Select(c => c.Year).ToArray(),
                Villages = contributions.Select(c => c.VillageCode).ToArray(),
                Departments = contributions.Select(c => c.Department).ToArray(),
                Keys = contributions.Select(c => c.Key).ToArray(),
                Labels = contributions.Select(c => c.Label).ToArray(),
                Amounts = contributions.Select(c => c.Amount).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The event joins the feed without a position; the feed sequencer gives it one after this commits.</summary>
    private static Task AppendToFeedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, IIntegrationEvent integrationEvent, string? town, CancellationToken cancellationToken)
    {
        var type = integrationEvent.GetType();
        return connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO event_log (message_id, event_type, town_code, occurred_at, body)
            VALUES (@messageId, @eventType, @town, @OccurredAt, CAST(@body AS jsonb))
            ON CONFLICT (message_id) DO NOTHING
            """,
            new { messageId, eventType = type.Name, town, integrationEvent.OccurredAt, body = JsonSerializer.Serialize(integrationEvent, type, Outbox.SerializerOptions) },
            transaction, cancellationToken: cancellationToken));
    }
}
