namespace AllianceResearch.Payment.Incentives;

/// <summary>Checks a contract's internal consistency and names the clause and field at fault.</summary>
public static class IncentiveContractValidator
{
    /// <summary>Throws <see cref="InvalidDataException"/> listing the first problem found.</summary>
    public static void Validate(IncentiveContract contract, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var prefix = (origin is null ? "" : origin + ": ") + $"contract '{contract.Id}'";
        if (string.IsNullOrWhiteSpace(contract.Id)) throw Fail(origin is null ? "contract" : origin + ": contract", "'id' is required");
        if (contract.Clauses is null || contract.Clauses.Count == 0) throw Fail(prefix, "has no clauses");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < contract.Clauses.Count; i++)
        {
            var clause = contract.Clauses[i] ?? throw Fail(prefix, $"clause {i + 1} is null");
            var where = $"{prefix}, clause {i + 1} ('{clause.Id}')";
            if (string.IsNullOrWhiteSpace(clause.Id)) throw Fail($"{prefix}, clause {i + 1}", "'id' is required");
            if (!ids.Add(clause.Id)) throw Fail(where, "the id is used by an earlier clause");
            switch (clause)
            {
                case PoolClause pool: ValidatePool(pool, where); break;
                case RateClause rate: ValidateRate(rate, where); break;
                case SplitClause split: ValidateSplit(split, where); break;
                case SettlementClause settlement: ValidateSettlement(settlement, where); break;
            }
        }
    }

    private static void ValidatePool(PoolClause pool, string where)
    {
        var f = pool.Funding ?? throw Fail(where, "'funding' is required");
        if (string.IsNullOrWhiteSpace(f.Funder)) throw Fail(where, "'funding.funder' is required (who pays, and who receives unearned money)");
        var modes = (f.PerUnit is null ? 0 : 1) + (f.Amount is null ? 0 : 1) + (f.AmountMetric is null ? 0 : 1);
        if (modes != 1) throw Fail(where, "'funding' needs exactly one of: perUnit (with unitMetric), amount (optionally with unitMetric as split weights), amountMetric");
        if (f.PerUnit is { } perUnit)
        {
            if (perUnit < 0) throw Fail(where, $"'funding.perUnit' is negative ({perUnit})");
            if (string.IsNullOrWhiteSpace(f.UnitMetric)) throw Fail(where, "'funding.perUnit' needs 'funding.unitMetric' (e.g. \"residents\")");
        }
        if (f.Amount is < 0) throw Fail(where, $"'funding.amount' is negative ({f.Amount})");
        NoDuplicates(pool.Members, where, "members");
        if (pool.Components is null || pool.Components.Count == 0) throw Fail(where, "'components' must list at least one component");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sum = 0m;
        foreach (var c in pool.Components)
        {
            var cw = $"{where}, component '{c.Id}'";
            if (string.IsNullOrWhiteSpace(c.Id)) throw Fail(where, "a component has no 'id'");
            if (!ids.Add(c.Id)) throw Fail(cw, "the id is used twice");
            if (c.Share is < 0 or > 1) throw Fail(cw, $"'share' must be between 0 and 1 (found {c.Share})");
            sum += c.Share;
            ValidateRule(c.Rule ?? throw Fail(cw, "'rule' is required"), cw);
        }
        if (sum != 1m) throw Fail(where, $"component shares must sum to 1 (they sum to {sum}: {string.Join(" + ", pool.Components.Select(c => c.Share))})");
        if (pool.Tournament is { } t)
        {
            var tw = $"{where}, tournament";
            if (string.IsNullOrWhiteSpace(t.Metric)) throw Fail(tw, "'metric' is required");
            if (t.TopShare is <= 0 or > 1) throw Fail(tw, $"'topShare' must be in (0, 1] (found {t.TopShare})");
            if ((t.BonusRate is null) == (t.BonusPool is null)) throw Fail(tw, "give exactly one of 'bonusRate' and 'bonusPool'");
            if (t.BonusRate is < 0) throw Fail(tw, $"'bonusRate' is negative ({t.BonusRate})");
            if (t.BonusPool is < 0) throw Fail(tw, $"'bonusPool' is negative ({t.BonusPool})");
            if (t.Base == TournamentBase.Component && !ids.Contains(t.Component ?? ""))
            {
                throw Fail(tw, $"'base' is component but 'component' ('{t.Component}') names none of: {string.Join(", ", ids)}");
            }
        }
    }

    private static void ValidateRule(MetricRule rule, string where)
    {
        if (rule.Kind == RuleKind.Unconditional) return;
        if (string.IsNullOrWhiteSpace(rule.Metric)) throw Fail(where, $"a {rule.Kind} rule needs 'metric'");
        switch (rule.Kind)
        {
            case RuleKind.Threshold when rule.Target is null:
                throw Fail(where, "a threshold rule needs 'target'");
            case RuleKind.ProRata when rule.Target is null or <= 0:
                throw Fail(where, "a proRata rule needs a positive 'target'");
            case RuleKind.Linear when rule.Target is null || rule.Floor is null || rule.Target == rule.Floor:
                throw Fail(where, "a linear rule needs 'floor' and 'target', different from each other");
            case RuleKind.Linear when (rule.Direction == MetricDirection.HigherIsBetter) != (rule.Target > rule.Floor):
                throw Fail(where, $"a linear rule's target must be {(rule.Direction == MetricDirection.HigherIsBetter ? "above" : "below")} its floor for direction {rule.Direction}");
            case RuleKind.Proportional when rule.Direction == MetricDirection.LowerIsBetter:
                throw Fail(where, "a proportional rule shares money in proportion to the metric, so it needs direction higherIsBetter");
        }
    }

    private static void ValidateRate(RateClause rate, string where)
    {
        if (string.IsNullOrWhiteSpace(rate.Payer) == string.IsNullOrWhiteSpace(rate.PaidTo))
        {
            throw Fail(where, "give exactly one of 'payer' (who pays each member) and 'paidTo' (whom each member pays)");
        }
        if (string.IsNullOrWhiteSpace(rate.BaseMetric)) throw Fail(where, "'baseMetric' is required");
        NoDuplicates(rate.Recipients, where, "recipients");
        if (rate.Rate is < 0 or > 1) throw Fail(where, $"'rate' must be between 0 and 1 (found {rate.Rate})");
        if (rate.Deductible < 0) throw Fail(where, $"'deductible' is negative ({rate.Deductible})");
        if (rate.Gate is { } g)
        {
            if (string.IsNullOrWhiteSpace(g.Metric)) throw Fail(where, "'gate.metric' is required");
            if (g.AtLeast is null && g.AtMost is null) throw Fail(where, "'gate' needs 'atLeast' and/or 'atMost'");
        }
    }

    private static void ValidateSplit(SplitClause split, string where)
    {
        if (string.IsNullOrWhiteSpace(split.Source)) throw Fail(where, "'source' is required (who provides the amount)");
        var byMetric = split.AmountMetric is not null || split.AmountMember is not null;
        if ((split.Amount is null) == !byMetric) throw Fail(where, "give either 'amount' or both 'amountMetric' and 'amountMember'");
        if (byMetric && (split.AmountMetric is null || split.AmountMember is null)) throw Fail(where, "'amountMetric' and 'amountMember' go together");
        NoDuplicates(split.Recipients, where, "recipients");
        if ((split.Shares is null) == (split.ShareMetric is null)) throw Fail(where, "give exactly one of 'shares' and 'shareMetric'");
        if (split.Shares is { } shares)
        {
            if (shares.Count == 0) throw Fail(where, "'shares' is empty");
            if (shares.Any(s => s.Weight < 0)) throw Fail(where, "a share weight is negative");
            if (shares.Sum(s => s.Weight) == 0) throw Fail(where, "share weights sum to 0");
            var dup = shares.GroupBy(s => s.Recipient).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw Fail(where, $"recipient '{dup.Key}' appears twice in 'shares'");
        }
    }

    private static void ValidateSettlement(SettlementClause settlement, string where)
    {
        if (string.IsNullOrWhiteSpace(settlement.Fund)) throw Fail(where, "'fund' is required");
        NoDuplicates(settlement.Members, where, "members");
        if (string.IsNullOrWhiteSpace(settlement.BudgetMetric)) throw Fail(where, "'budgetMetric' is required");
        if (string.IsNullOrWhiteSpace(settlement.ActualMetric)) throw Fail(where, "'actualMetric' is required");
        _ = (settlement.Corridor ?? throw Fail(where, "'corridor' is required")).Build(where);
    }

    private static void NoDuplicates(IReadOnlyList<string>? ids, string where, string property)
    {
        if (ids is null) return;
        var dup = ids.GroupBy(x => x, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw Fail(where, $"'{dup.Key}' appears twice in '{property}' (it would be paid twice)");
        if (ids.Count == 0) throw Fail(where, $"'{property}' is empty; omit it to mean every member");
    }

    private static InvalidDataException Fail(string where, string what) => new($"{where}: {what}.");
}
