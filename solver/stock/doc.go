// Package stock computes safety stock, reorder points and replenishment
// policies for SKUs held in grid warehouses and pickup points, fresh produce
// included.
//
// Every computation is a named function reachable through Eval with a JSON
// object of snake_case inputs (the names and fields follow the reference
// cases in shared/reference/inventory); EvalLines runs the JSON-lines
// protocol of `fulfil stock eval`, and Batch computes (R,S) policies with
// alerts for many SKU × warehouse rows in parallel.
//
// Contract (see package solver): inputs decode strictly (unknown fields
// and missing required fields are *solver.InputError violations named by
// path); Signatures gives each function's inputs and result types, from
// which the server's OpenAPI schemas are generated; EvalThreads caps the
// workers Batch may start; Batch's workers run in a solver.Group.
//
// Files: distributions.go (normal, Poisson, gamma, lognormal, negative
// binomial, discrete/empirical with pdf, cdf, quantile and first- and
// second-order loss), loss.go (standard normal loss functions), leadtime.go
// (lead-time demand with demand and lead-time variability), safety.go
// (safety stock by cycle service level, fill rate or cost), policy_rs.go
// ((R,S) order-up-to), policy_rq.go ((r,Q): exact cost, EIL, EOQB, EOQ+SS,
// loss-function approximation, exact Poisson by Federgruen–Zheng),
// policy_ss.go ((s,S): exact by Zheng–Federgruen, with an optional lead
// time in whole periods; power approximation),
// newsvendor.go (base stock for normal, Poisson, discrete and continuous
// demand, explicit price/cost/salvage, myopic), fresh.go (fresh produce:
// salvage and goodwill, shelf life with FEFO ageing by simulation), eoq.go
// (EOQ, EOQ with backorders, EPQ, all-units discounts, case-pack rounding),
// wagnerwhitin.go (dynamic lot sizing), gsm.go (guaranteed-service model on
// trees), ssm.go (stochastic-service serial model, Clark–Scarf /
// Chen–Zheng), forecast.go (SES, Holt, Holt-Winters, Croston, SBA, TSB),
// classify.go (ADI/CV² demand classes), alert.go (water level, deviation
// and near-expiry alerts), batch.go (parallel rows), eval.go (registry and
// JSON lines), decode.go (strict input decoding and validation helpers).
//
// Every input is decoded strictly (exact snake_case keys, unknown keys and
// missing required keys rejected) and validated; bad input returns a
// *solver.InputError naming the field, never a silent fix. Results do not
// depend on the thread count; fresh_base_stock repeats exactly for a seed.
//
// Units: demand and stock in units of the SKU, time in periods (days in the
// daily-replenishment functions, whose fields say so). Costs are per unit
// per period unless a field says otherwise.
package stock
