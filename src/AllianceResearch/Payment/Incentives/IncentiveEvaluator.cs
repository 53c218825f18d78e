namespace AllianceResearch.Payment.Incentives;

/// <summary>
/// Evaluates an <see cref="IncentiveContract"/> against <see cref="MemberMetrics"/>: a pure function that
/// returns every payment with the arithmetic behind it. Each clause conserves money on its own: what a
/// funder or payer puts in is paid out or returned, to the fen.
/// </summary>
public static class IncentiveEvaluator
{
    /// <summary>Evaluates <paramref name="contract"/>; throws with a clear message for an invalid contract or missing metric.</summary>
    public static IncentiveEvaluation Evaluate(IncentiveContract contract, MemberMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(metrics);
        IncentiveContractValidator.Validate(contract);

        var lines = new List<PaymentLine>();
        var balances = new List<ClauseBalance>();
        foreach (var clause in contract.Clauses)
        {
            var clauseLines = new List<PaymentLine>();
            ClauseBalance balance = clause switch
            {
                PoolClause pool => EvaluatePool(contract, pool, metrics, clauseLines),
                RateClause rate => EvaluateRate(contract, rate, metrics, clauseLines),
                SplitClause split => EvaluateSplit(contract, split, metrics, clauseLines),
                SettlementClause settlement => EvaluateSettlement(contract, settlement, metrics, clauseLines),
                _ => throw new NotSupportedException($"Clause kind {clause.GetType().Name} is not supported."),
            };
            if (!balance.Conserved)
            {
                throw new InvalidOperationException(
                    $"Internal error: clause '{clause.Id}' of contract '{contract.Id}' does not conserve money " +
                    $"(funded {balance.Funded}, paid {balance.Paid}, returned {balance.Returned}).");
            }
            lines.AddRange(clauseLines);
            balances.Add(balance);
        }

        return new IncentiveEvaluation
        {
            Contract = contract,
            Lines = lines,
            Balances = balances,
            Parties = Totals(lines, metrics),
        };
    }

    private static List<PartyTotal> Totals(List<PaymentLine> lines, MemberMetrics metrics)
    {
        // Members the contract never touches (no line pays, charges or returns for them) are left out.
        var involved = lines.SelectMany(l => new[] { l.Payer, l.Recipient, l.OnBehalfOf }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var order = metrics.MemberIds.Where(involved.Contains).ToList();
        var known = new HashSet<string>(order, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (known.Add(line.Payer)) order.Add(line.Payer);
            if (known.Add(line.Recipient)) order.Add(line.Recipient);
        }
        return order.Select(p => new PartyTotal
        {
            Party = p,
            Name = metrics.DisplayName(p),
            IsMember = metrics.Contains(p),
            Received = lines.Where(l => l.Recipient == p).Sum(l => l.Amount),
            PaidOut = lines.Where(l => l.Payer == p).Sum(l => l.Amount),
        }).ToList();
    }

    private static ClauseBalance EvaluatePool(IncentiveContract contract, PoolClause pool, MemberMetrics metrics, List<PaymentLine> lines)
    {
        var where = $"contract '{contract.Id}', clause '{pool.Id}'";
        var members = (pool.Members ?? metrics.MemberIds.ToList()).ToList();
        foreach (var m in members)
        {
            if (!metrics.Contains(m)) throw new InvalidDataException($"{where}: member '{m}' is not in {metrics.Origin}.");
        }
        if (members.Count == 0) throw new InvalidDataException($"{where}: the pool has no members.");
        var funder = pool.Funding.Funder;

        // 1. Entitlement of each member.
        var entitlement = new decimal[members.Count];
        var entitlementSteps = new string[members.Count];
        var f = pool.Funding;
        if (f.PerUnit is { } perUnit)
        {
            for (var i = 0; i < members.Count; i++)
            {
                var units = metrics.Get(members[i], f.UnitMetric!);
                if (units < 0) throw new InvalidDataException($"{where}: member '{members[i]}' has a negative {f.UnitMetric} ({units}).");
                entitlement[i] = Money.Round(perUnit * units);
                entitlementSteps[i] = $"entitlement = {Money.Yuan(perUnit)} per unit × {Money.Number(units)} {f.UnitMetric} = {Money.Yuan(entitlement[i])} (funded by {funder})";
            }
        }
        else if (f.AmountMetric is { } amountMetric)
        {
            for (var i = 0; i < members.Count; i++)
            {
                var value = metrics.Get(members[i], amountMetric);
                if (value < 0) throw new InvalidDataException($"{where}: member '{members[i]}' has a negative {amountMetric} ({value}); a pool cannot fund a negative amount.");
                entitlement[i] = Money.Round(value);
                entitlementSteps[i] = $"entitlement = its {amountMetric} = {Money.Yuan(entitlement[i])} (funded by {funder})";
            }
        }
        else
        {
            var total = Money.Round(f.Amount!.Value);
            var weights = f.UnitMetric is null
                ? members.Select(_ => 1m).ToList()
                : members.Select(m => metrics.Get(m, f.UnitMetric)).ToList();
            var parts = Money.Allocate(total, weights)
                        ?? throw new InvalidDataException($"{where}: every member has {f.UnitMetric} = 0, so the fixed pool cannot be divided.");
            var weightSum = weights.Sum();
            for (var i = 0; i < members.Count; i++)
            {
                entitlement[i] = parts[i];
                entitlementSteps[i] = f.UnitMetric is null
                    ? $"entitlement = fixed pool {Money.Yuan(total)} ÷ {members.Count} members = {Money.Yuan(parts[i])} (largest-remainder rounding; funded by {funder})"
                    : $"entitlement = fixed pool {Money.Yuan(total)} × {Money.Number(weights[i])} / {Money.Number(weightSum)} {f.UnitMetric} = {Money.Yuan(parts[i])} (funded by {funder})";
            }
        }

        // 2. Split each entitlement into components (largest remainder, so the parts add up exactly).
        var shares = pool.Components.Select(c => c.Share).ToList();
        var componentEntitlement = new decimal[members.Count][];
        for (var i = 0; i < members.Count; i++)
        {
            componentEntitlement[i] = Money.Allocate(entitlement[i], shares) ?? new decimal[shares.Count];
        }

        // 3. Earn each component.
        var earned = new decimal[members.Count];
        var paid = 0m;
        var returned = 0m;
        for (var c = 0; c < pool.Components.Count; c++)
        {
            var component = pool.Components[c];
            var rule = component.Rule;
            var label = $"component '{component.Id}'{(component.NameZh is null ? "" : " (" + component.NameZh + ")")} {Money.Percent(component.Share)}";
            if (rule.Kind == RuleKind.Proportional)
            {
                var componentPool = Enumerable.Range(0, members.Count).Sum(i => componentEntitlement[i][c]);
                var weights = members.Select(m => metrics.Get(m, rule.Metric!)).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    if (weights[i] < 0) throw new InvalidDataException($"{where}, component '{component.Id}': member '{members[i]}' has a negative {rule.Metric} ({weights[i]}).");
                }
                var parts = Money.Allocate(componentPool, weights);
                var weightSum = weights.Sum();
                for (var i = 0; i < members.Count; i++)
                {
                    var amount = parts?[i] ?? 0m;
                    var steps = new List<string>
                    {
                        entitlementSteps[i],
                        $"{label}: the component pool is Σ members' {Money.Percent(component.Share)} = {Money.Yuan(componentPool)}",
                        parts is null
                            ? $"every member has {rule.Metric} = 0: nothing can be shared, the component pool is returned to {funder}"
                            : $"shared by {rule.Metric}: {Money.Yuan(componentPool)} × {Money.Number(weights[i])} / {Money.Number(weightSum)} = {Money.Yuan(amount)}",
                    };
                    lines.Add(new PaymentLine
                    {
                        ClauseId = pool.Id, ComponentId = component.Id, Kind = PaymentLineKind.Earned,
                        Payer = funder, Recipient = members[i], Amount = amount, Steps = steps,
                    });
                    earned[i] += amount;
                    paid += amount;
                }
                if (parts is null)
                {
                    lines.Add(new PaymentLine
                    {
                        ClauseId = pool.Id, ComponentId = component.Id, Kind = PaymentLineKind.Returned,
                        Payer = funder, Recipient = funder, Amount = componentPool,
                        Steps = [$"{label}: no member had a positive {rule.Metric}; {Money.Yuan(componentPool)} returned to {funder}"],
                    });
                    returned += componentPool;
                }
                continue;
            }

            for (var i = 0; i < members.Count; i++)
            {
                var due = componentEntitlement[i][c];
                var (fraction, reason) = Fraction(rule, rule.Kind == RuleKind.Unconditional ? 0m : metrics.Get(members[i], rule.Metric!), where, component.Id, members[i]);
                var amount = Money.Round(due * fraction);
                var steps = new List<string>
                {
                    entitlementSteps[i],
                    $"{label} of the entitlement = {Money.Yuan(due)}",
                    $"{reason} → earned {Money.Yuan(due)} × {Money.Number(Math.Round(fraction, 6))} = {Money.Yuan(amount)}",
                };
                lines.Add(new PaymentLine
                {
                    ClauseId = pool.Id, ComponentId = component.Id, Kind = PaymentLineKind.Earned,
                    Payer = funder, Recipient = members[i], Amount = amount, Steps = steps,
                });
                earned[i] += amount;
                paid += amount;
                if (due - amount != 0m)
                {
                    lines.Add(new PaymentLine
                    {
                        ClauseId = pool.Id, ComponentId = component.Id, Kind = PaymentLineKind.Returned,
                        Payer = funder, Recipient = funder, OnBehalfOf = members[i], Amount = due - amount,
                        Steps = [$"{members[i]} did not earn {Money.Yuan(due)} − {Money.Yuan(amount)} = {Money.Yuan(due - amount)} of {label}; returned to {funder}"],
                    });
                    returned += due - amount;
                }
            }
        }

        var funded = entitlement.Sum();

        // 4. Tournament bonus.
        if (pool.Tournament is { } t)
        {
            var bonusFunder = t.Funder ?? funder;
            var ranking = members.Select((m, i) => (Member: m, Index: i, Score: metrics.Get(m, t.Metric))).ToList();
            var sorted = t.Direction == MetricDirection.HigherIsBetter
                ? ranking.OrderByDescending(r => r.Score).ThenBy(r => r.Index).ToList()
                : ranking.OrderBy(r => r.Score).ThenBy(r => r.Index).ToList();
            var k = Math.Max(1, (int)Math.Floor(t.TopShare * members.Count));
            var cutoff = sorted[k - 1].Score;
            var winners = sorted.Where(r => t.Direction == MetricDirection.HigherIsBetter ? r.Score >= cutoff : r.Score <= cutoff).ToList();
            var rankSteps = $"ranked on {t.Metric} ({(t.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower")} is better): top {Money.Percent(t.TopShare)} of {members.Count} members = ⌊{Money.Number(t.TopShare * members.Count)}⌋ → {k} place(s); cut-off {t.Metric} = {Money.Number(cutoff)}; winners (ties at the cut-off included): {string.Join(", ", winners.Select(w => w.Member))}";
            var componentIndex = t.Base == TournamentBase.Component ? pool.Components.ToList().FindIndex(c => c.Id == t.Component) : -1;
            decimal BaseOf(int i) => t.Base switch
            {
                TournamentBase.Entitlement => entitlement[i],
                TournamentBase.Component => componentEntitlement[i][componentIndex],
                _ => earned[i],
            };
            var baseLabel = t.Base switch
            {
                TournamentBase.Entitlement => "its entitlement",
                TournamentBase.Component => $"its entitlement to component '{t.Component}'",
                _ => "what it earned",
            };
            if (t.BonusRate is { } rate)
            {
                foreach (var w in winners)
                {
                    var b = BaseOf(w.Index);
                    var amount = Money.Round(rate * b);
                    lines.Add(new PaymentLine
                    {
                        ClauseId = pool.Id, ComponentId = "tournament", Kind = PaymentLineKind.Bonus,
                        Payer = bonusFunder, Recipient = w.Member, Amount = amount,
                        Steps = [rankSteps, $"{w.Member} ({t.Metric} = {Money.Number(w.Score)}) wins: bonus {Money.Percent(rate)} × {baseLabel} {Money.Yuan(b)} = {Money.Yuan(amount)} (paid by {bonusFunder})"],
                    });
                    funded += amount;
                    paid += amount;
                }
            }
            else
            {
                var bonusPool = Money.Round(t.BonusPool!.Value);
                var weights = winners.Select(w => BaseOf(w.Index)).ToList();
                var equal = weights.All(w => w == 0m);
                var parts = Money.Allocate(bonusPool, equal ? winners.Select(_ => 1m).ToList() : weights)!;
                for (var j = 0; j < winners.Count; j++)
                {
                    lines.Add(new PaymentLine
                    {
                        ClauseId = pool.Id, ComponentId = "tournament", Kind = PaymentLineKind.Bonus,
                        Payer = bonusFunder, Recipient = winners[j].Member, Amount = parts[j],
                        Steps = [rankSteps, equal
                            ? $"{winners[j].Member} wins: bonus pool {Money.Yuan(bonusPool)} ÷ {winners.Count} winners = {Money.Yuan(parts[j])}"
                            : $"{winners[j].Member} wins: bonus pool {Money.Yuan(bonusPool)} × {baseLabel} {Money.Yuan(weights[j])} / {Money.Yuan(weights.Sum())} = {Money.Yuan(parts[j])} (largest-remainder rounding)"],
                    });
                }
                funded += bonusPool;
                paid += bonusPool;
            }
        }

        return new ClauseBalance { ClauseId = pool.Id, Kind = pool.Kind, Funded = funded, Paid = paid, Returned = returned };
    }

    /// <summary>The fraction of a component earned by a metric value under a rule, with its reason.</summary>
    internal static (decimal Fraction, string Reason) Fraction(MetricRule rule, decimal value, string where, string componentId, string member)
    {
        var higher = rule.Direction == MetricDirection.HigherIsBetter;
        var name = rule.Metric;
        switch (rule.Kind)
        {
            case RuleKind.Unconditional:
                return (1m, "unconditional");
            case RuleKind.Threshold:
            {
                var target = rule.Target!.Value;
                var met = higher ? value >= target : value <= target;
                return (met ? 1m : 0m,
                    $"threshold: {name} = {Money.Number(value)} {(met ? (higher ? "≥" : "≤") : (higher ? "<" : ">"))} target {Money.Number(target)} → {(met ? "met, paid in full" : "not met, nothing paid")}");
            }
            case RuleKind.ProRata:
            {
                var target = rule.Target!.Value;
                if (higher)
                {
                    if (value >= target) return (1m, $"pro rata: {name} = {Money.Number(value)} ≥ target {Money.Number(target)} → paid in full");
                    var fr = Math.Max(0m, value / target);
                    return (fr, $"pro rata: {name} = {Money.Number(value)} < target {Money.Number(target)} → cut to {Money.Number(value)} / {Money.Number(target)}");
                }
                if (value <= target) return (1m, $"pro rata: {name} = {Money.Number(value)} ≤ target {Money.Number(target)} → paid in full");
                return (target / value, $"pro rata: {name} = {Money.Number(value)} > target {Money.Number(target)} → cut to {Money.Number(target)} / {Money.Number(value)}");
            }
            case RuleKind.Linear:
            {
                var target = rule.Target!.Value;
                var floor = rule.Floor!.Value;
                var raw = (value - floor) / (target - floor);
                var fr = Math.Clamp(raw, 0m, 1m);
                return (fr, $"linear: ({name} {Money.Number(value)} − floor {Money.Number(floor)}) / (target {Money.Number(target)} − floor {Money.Number(floor)}) = {Money.Number(Math.Round(raw, 6))}, clamped to [0, 1]");
            }
            default:
                throw new InvalidDataException($"{where}, component '{componentId}', member '{member}': rule kind {rule.Kind} cannot be evaluated per member.");
        }
    }

    private static ClauseBalance EvaluateRate(IncentiveContract contract, RateClause rate, MemberMetrics metrics, List<PaymentLine> lines)
    {
        var where = $"contract '{contract.Id}', clause '{rate.Id}'";
        var counterparty = rate.Payer ?? rate.PaidTo!;
        var reversed = rate.PaidTo is not null;
        var recipients = rate.Recipients ?? metrics.MemberIds.Where(m => m != counterparty).ToList();
        if (recipients.Count == 0) throw new InvalidDataException($"{where}: the clause has no recipients.");
        var total = 0m;
        foreach (var r in recipients)
        {
            if (!metrics.Contains(r)) throw new InvalidDataException($"{where}: recipient '{r}' is not in {metrics.Origin}.");
            var steps = new List<string>();
            var passes = true;
            if (rate.Gate is { } gate)
            {
                var g = metrics.Get(r, gate.Metric);
                passes = (gate.AtLeast is null || g >= gate.AtLeast) && (gate.AtMost is null || g <= gate.AtMost);
                var condition = string.Join(" and ", new[]
                {
                    gate.AtLeast is null ? null : $"≥ {Money.Number(gate.AtLeast.Value)}",
                    gate.AtMost is null ? null : $"≤ {Money.Number(gate.AtMost.Value)}",
                }.Where(s => s is not null));
                steps.Add($"gate: {gate.Metric} = {Money.Number(g)}, required {condition} → {(passes ? "passed" : "failed, nothing paid")}");
            }
            var baseValue = metrics.Get(r, rate.BaseMetric);
            var amount = 0m;
            if (passes)
            {
                var covered = Math.Max(0m, baseValue - rate.Deductible);
                amount = Money.Round(rate.Rate * covered);
                var flow = reversed ? $"paid by {r} to {rate.PaidTo}" : $"paid by {rate.Payer}";
                steps.Add(rate.Deductible == 0m
                    ? $"{Money.Percent(rate.Rate)} × {rate.BaseMetric} {Money.Yuan(baseValue)} = {Money.Yuan(amount)}, {flow}"
                    : $"{Money.Percent(rate.Rate)} × max(0, {rate.BaseMetric} {Money.Yuan(baseValue)} − {Money.Yuan(rate.Deductible)}) = {Money.Percent(rate.Rate)} × {Money.Yuan(covered)} = {Money.Yuan(amount)}, {flow}");
            }
            lines.Add(new PaymentLine
            {
                ClauseId = rate.Id, Kind = PaymentLineKind.Transfer,
                Payer = reversed ? r : rate.Payer!, Recipient = reversed ? rate.PaidTo! : r,
                Amount = amount, Steps = steps,
            });
            total += amount;
        }
        return new ClauseBalance { ClauseId = rate.Id, Kind = rate.Kind, Funded = total, Paid = total, Returned = 0m };
    }

    private static ClauseBalance EvaluateSettlement(IncentiveContract contract, SettlementClause clause, MemberMetrics metrics, List<PaymentLine> lines)
    {
        var where = $"contract '{contract.Id}', clause '{clause.Id}'";
        var corridor = clause.Corridor.Build(where);
        var members = clause.Members ?? metrics.MemberIds.ToList();
        var total = 0m;
        foreach (var m in members)
        {
            var input = new Settlement.SettlementInput
            {
                Budget = metrics.Get(m, clause.BudgetMetric),
                Actual = metrics.Get(m, clause.ActualMetric),
                ManagementShareOfOverrun = clause.ManagementShareMetric is null ? 0m : metrics.Get(m, clause.ManagementShareMetric),
                QualityScore = clause.QualityScoreMetric is null ? null : metrics.Get(m, clause.QualityScoreMetric),
            };
            Settlement.SettlementResult result;
            try
            {
                result = Settlement.GlobalBudgetSettlement.Settle(input, corridor);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{where}, member '{m}': {ex.Message}", ex);
            }
            var steps = new List<string>
            {
                $"budget B = {Money.Yuan(result.Budget)}, actual fund-liable spending A = {Money.Yuan(result.Actual)}, " +
                $"d = (A − B)/B = {Money.Percent(Math.Round(result.Deviation, 4))}" +
                (result.Overrun > 0 ? $", of which {Money.Percent(input.ManagementShareOfOverrun)} caused by poor management" : "") +
                (input.QualityScore is { } q ? $", quality score {Money.Number(q)} → factor {Money.Number(result.QualityFactor)}" : ""),
            };
            steps.AddRange(result.Lines.Select(l => $"{l.Label}: {Money.Yuan(l.Amount)}"));
            steps.Add($"alliance keeps {Money.Yuan(result.AllianceRetained)}, bears {Money.Yuan(result.AllianceLoss)}; " +
                      $"the fund pays A + kept − borne = {Money.Yuan(result.FundPays)}");
            var gains = result.AllianceNet >= 0m;
            lines.Add(new PaymentLine
            {
                ClauseId = clause.Id, Kind = PaymentLineKind.Transfer,
                Payer = gains ? clause.Fund : m, Recipient = gains ? m : clause.Fund,
                Amount = Math.Abs(result.AllianceNet), Steps = steps,
            });
            total += Math.Abs(result.AllianceNet);
        }
        return new ClauseBalance { ClauseId = clause.Id, Kind = clause.Kind, Funded = total, Paid = total, Returned = 0m };
    }

    private static ClauseBalance EvaluateSplit(IncentiveContract contract, SplitClause split, MemberMetrics metrics, List<PaymentLine> lines)
    {
        var where = $"contract '{contract.Id}', clause '{split.Id}'";
        decimal amount;
        string amountStep;
        if (split.Amount is { } fixedAmount)
        {
            amount = Money.Round(fixedAmount);
            amountStep = $"amount to split = {Money.Yuan(amount)} from {split.Source}";
        }
        else
        {
            amount = Money.Round(metrics.Get(split.AmountMember!, split.AmountMetric!));
            amountStep = $"amount to split = {split.AmountMember}'s {split.AmountMetric} = {Money.Yuan(amount)} from {split.Source}";
        }
        if (amount < 0) throw new InvalidDataException($"{where}: the amount to split is negative ({amount}).");

        List<string> recipients;
        List<decimal> weights;
        string basis;
        if (split.Shares is { } shares)
        {
            recipients = shares.Select(s => s.Recipient).ToList();
            weights = shares.Select(s => s.Weight).ToList();
            basis = "fixed weights " + string.Join(":", weights.Select(Money.Number));
        }
        else
        {
            recipients = (split.Recipients ?? metrics.MemberIds.ToList()).ToList();
            weights = recipients.Select(r => metrics.Get(r, split.ShareMetric!)).ToList();
            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] < 0) throw new InvalidDataException($"{where}: recipient '{recipients[i]}' has a negative {split.ShareMetric} ({weights[i]}).");
            }
            basis = $"contributions ({split.ShareMetric}) " + string.Join(":", weights.Select(Money.Number));
        }
        var parts = Money.Allocate(amount, weights);
        var weightSum = weights.Sum();
        if (parts is null)
        {
            lines.Add(new PaymentLine
            {
                ClauseId = split.Id, Kind = PaymentLineKind.Returned, Payer = split.Source, Recipient = split.Source, Amount = amount,
                Steps = [amountStep, $"every weight is 0 ({basis}): nothing can be split; returned to {split.Source}"],
            });
            return new ClauseBalance { ClauseId = split.Id, Kind = split.Kind, Funded = amount, Paid = 0m, Returned = amount };
        }
        for (var i = 0; i < recipients.Count; i++)
        {
            lines.Add(new PaymentLine
            {
                ClauseId = split.Id, Kind = PaymentLineKind.Split, Payer = split.Source, Recipient = recipients[i], Amount = parts[i],
                Steps = [amountStep, $"split by {basis}: {Money.Yuan(amount)} × {Money.Number(weights[i])} / {Money.Number(weightSum)} = {Money.Yuan(parts[i])}"],
            });
        }
        return new ClauseBalance { ClauseId = split.Id, Kind = split.Kind, Funded = amount, Paid = parts.Sum(), Returned = 0m };
    }
}
