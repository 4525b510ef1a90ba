using Npgsql;
using Zaili.Contracts;
using Zaili.Enforcement.Data;
using Zaili.ServiceDefaults.Messaging;

namespace Zaili.Enforcement.Consumers;

/// <summary>A passed law exam (from legal education) enables certificates of that person for that year.</summary>
public sealed class ExamResultRecordedConsumer(InboxCommitter inbox, ILogger<ExamResultRecordedConsumer> logger)
    : InboxConsumer<ExamResultRecorded>(inbox, logger)
{
    protected override Task HandleAsync(ExamResultRecorded message, ConsumeScope scope, CancellationToken cancellationToken) =>
        message.Passed
            ? scope.Connection.RecordPassedExamAsync(message.PersonKey, message.Year, message.SessionId, message.Score, scope.Transaction, cancellationToken)
            : Task.CompletedTask;
}
