using Npgsql;
using Zaili.Contracts;
using Zaili.ServiceDefaults.Messaging;
using Zaili.VillageReview.Data;

namespace Zaili.VillageReview.Consumers;

/// <summary>Keeps this service's copy of the village directory from governance's events.</summary>
public sealed class VillageRegisteredConsumer(NpgsqlDataSource db, Outbox outbox, ILogger<VillageRegisteredConsumer> logger)
    : InboxConsumer<VillageRegistered>(db, outbox, logger)
{
    protected override Task HandleAsync(VillageRegistered message, ConsumeScope scope, CancellationToken cancellationToken) =>
        scope.Connection.UpsertVillageAsync(message.VillageCode, message.TownCode, message.Name, message.OccurredAt, scope.Transaction, cancellationToken);
}
