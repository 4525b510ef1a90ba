using Npgsql;
using Zaili.Contracts;
using Zaili.LegalEducation.Data;
using Zaili.LegalEducation.Domain;
using Zaili.ServiceDefaults.Messaging;
using Zaili.SharedKernel;

namespace Zaili.LegalEducation.Consumers;

/// <summary>
/// 谁执法谁普法: an enforcement case closed for 以案释法 becomes an activity of the enforcing department,
/// exactly once per case (the inbox absorbs redeliveries; the case id absorbs a republished event).
/// </summary>
public sealed class EnforcementCaseClosedConsumer(InboxCommitter inbox, TimeProvider time, ILogger<EnforcementCaseClosedConsumer> logger)
    : InboxConsumer<EnforcementCaseClosed>(inbox, logger)
{
    protected override async Task HandleAsync(EnforcementCaseClosed message, ConsumeScope scope, CancellationToken cancellationToken)
    {
        if (!message.ExplainLawThroughCase)
        {
            return;
        }
        var keys = await scope.Connection.EnsureLawsAsync(message.LawsApplied, scope.Transaction, cancellationToken);
        var villageCode = message.VillageCode is { } code && await scope.Connection.VillageExistsAsync(code, scope.Transaction, cancellationToken) ? code : null;
        var id = Guid.CreateVersion7(message.OccurredAt);
        var heldOn = ChinaTime.DateOf(message.OccurredAt);
        var now = time.GetUtcNow();
        if (await scope.Connection.InsertActivityAsync(new EducationStore.NewActivity(
            id, message.TownCode, ActivityKind.CaseExplanation, null, heldOn,
            "以案释法：" + message.Summary, [message.Department], villageCode, 0, 0, message.CaseId, keys), now, scope.Transaction, cancellationToken))
        {
            await scope.PublishAsync(ActivityFacts.Held(id, message.TownCode, villageCode, ActivityKind.CaseExplanation, [message.Department], message.LawsApplied, 0, 0, heldOn, now), cancellationToken);
        }
    }
}
