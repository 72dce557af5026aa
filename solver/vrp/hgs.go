package vrp

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"fulfil/solver"
)

// worker owns everything one thread needs to make offspring: a local
// search, a splitter, scratch tours and its own random stream.
type worker struct {
	ls    *localSearch
	split *splitter
	rng   *rand.Rand
	child []int32
	used  []bool
	work  plan
	jobs  []parents // crossovers to make this generation
	muts  []*indiv  // parents to mutate this generation
	mut   *mutation
	steps int     // mutation steps per mutant
	keep  plan    // the best plan of a mutation chain
	cur   plan    // and its current plan
	tour  []int32 // or a ready tour to educate instead
	start *plan   // or a ready plan (Input.InitialRoutes)
	out   []child
}

type parents struct{ a, b *indiv }

// child is one offspring's result: its educated plan (and the repaired one
// when repair made it feasible), and whether local search left it load-
// and time-feasible, for the penalty manager.
type child struct {
	okL, okT bool
	inds     []*indiv
	// chain marks a mutation chain's child: not counted by the penalty
	// manager (a chain from a feasible plan keeps only feasible plans).
	chain bool
}

// hgs runs the hybrid genetic search (Vidal 2022) until ctx ends, the
// iteration budget is spent, or nothing is left to do.
//
// Threads: one population; each generation the main goroutine picks pairs
// of parents by binary tournament with its own random stream (two pairs per
// worker when there are several, one otherwise), the workers make their
// offspring in parallel (OX crossover, Split, local search, repair), and the
// main goroutine inserts them in worker order.
// Every random choice comes from a stream seeded by (Seed, worker), and
// results are merged at that fixed point, so a run stopped by Iterations is
// the same for the same (seed, threads).
func (m *model) hgs(ctx context.Context, opt Options, start time.Time) *result {
	T := max(opt.Threads, 1)
	nb := m.granular(opt.Granular)
	mutRate := opt.mutations(m.hasTime)
	workers := make([]*worker, T)
	var adj [][]int32
	if mutRate > 0 {
		adj = m.sisrAdjacency()
	}
	for w := range T {
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(w)+1))
		own := make([][]int32, len(nb))
		for i := range nb {
			own[i] = slices.Clone(nb[i])
		}
		workers[w] = &worker{
			ls:    newLocalSearch(m, &opt, own, rng),
			split: newSplitter(m),
			rng:   rng,
			used:  make([]bool, m.n),
		}
		if adj != nil {
			workers[w].mut = newMutation(m, adj, len(m.slotType))
			workers[w].steps = opt.mutationSteps(m.ns)
		}
		workers[w].child = make([]int32, len(workers[w].ls.order))
	}
	stops := slices.Clone(workers[0].ls.order)
	slices.Sort(stops)
	rng := rand.New(rand.NewPCG(opt.Seed, 0))
	pen, pm := m.initialPenalties()
	every := opt.PenaltyEvery
	if every == 0 {
		every = penaltyPeriod(m.ns)
	}
	pop := &population{m: m, opt: &opt}
	res := &result{method: "hgs", stop: solver.StopConverged}
	var best *indiv
	var iter, lastImprove, bestAt int64
	// chainP is the chance that a generation makes its chains: it
	// doubles (up to 1) with each chain whose child becomes the new best
	// and shrinks by chainDecay with each that does not (down to
	// chainMinP), so that chains take the time while they find better
	// plans faster than crossovers and leave it to them once they stall.
	chainP := 1.0
	converge := int64(0) // 0: run to the limit
	if !opt.UseFullLimit {
		converge = convergedAfter(m.ns, opt.RestartAfter)
	}
	budget := int64(0)
	if opt.Iterations > 0 {
		budget = opt.Iterations
	}

	record := func(force bool) {
		tp := TracePoint{TimeS: solver.Since(start), Iteration: iter, FeasibleShare: pm.recentFeasShares}
		if best != nil {
			tp.BestCost, tp.HasFeasible = best.cost/scale, true
		}
		if !force && len(res.trace) > 0 && res.trace[len(res.trace)-1].BestCost == tp.BestCost {
			return
		}
		res.trace = append(res.trace, tp)
		if opt.Progress != nil {
			opt.Progress(tp)
		}
	}
	stopped := func() bool {
		if ctx.Err() != nil {
			return true
		}
		return budget > 0 && iter >= budget
	}
	// generate runs every worker once in parallel.
	generate := func() {
		for _, w := range workers {
			w.ls.pen = pen
		}
		if T == 1 {
			workers[0].offspring(m, &pen, ctx)
			return
		}
		var g solver.Group
		for _, w := range workers {
			g.Go(func() { w.offspring(m, &pen, ctx) })
		}
		g.Join() // a worker's panic goes on to Solve's Recover
	}
	absorb := func() {
		for _, w := range workers {
			for _, c := range w.out {
				iter++
				if !c.chain {
					pm.record(c.okL, c.okT)
				}
				won := false
				for _, x := range c.inds {
					if pop.add(x) {
						lastImprove = iter
					}
					if x.feasible && (best == nil || x.cost < best.cost-tol(best.cost)) {
						best, bestAt, won = x, iter, true
						record(false)
					}
				}
				if c.chain {
					if won {
						chainP = min(1, 2*chainP)
					} else {
						chainP = max(chainMinP, chainP*chainDecay)
					}
				}
				if iter%int64(every) == 0 {
					pm.adapt(&pen, opt.TargetFeasible)
					pop.reprice(&pen)
				}
			}
		}
	}
	// The initial population has 4μ members, as in HGS, unless that would
	// eat more than a share of the time budget: on large instances under
	// short limits the search then starts breeding (and the chains
	// improving the savings plan) from fewer.
	initDeadline := time.Time{}
	if dl, ok := ctx.Deadline(); ok {
		share := time.Duration(initShare)
		if mutRate > 0 {
			share = initShareChains
		}
		initDeadline = start.Add(dl.Sub(start) / share)
	}
	initial := func(seedPlan *plan) {
		target := 4 * opt.PopMu
		made := 0
		phase := time.Now()
		if seedPlan != nil {
			w := workers[0]
			w.tour = m.giantTour(seedPlan, stops)
			w.jobs = w.jobs[:0]
			for _, o := range workers[1:] {
				o.tour, o.jobs = o.tour[:0], o.jobs[:0]
			}
			generate()
			absorb()
			made++
		}
		for made < target && !stopped() {
			if made >= 2 && !initDeadline.IsZero() && time.Now().After(initDeadline.Add(time.Since(start)-time.Since(phase))) {
				break
			}
			for _, w := range workers {
				w.tour = w.tour[:0]
				w.tour = append(w.tour, stops...)
				w.rng.Shuffle(len(w.tour), func(a, b int) { w.tour[a], w.tour[b] = w.tour[b], w.tour[a] })
				w.jobs = w.jobs[:0]
			}
			generate()
			absorb()
			made += T
		}
	}

	// With several workers each makes batch offspring per generation, so
	// that the barrier where they meet comes half as often.
	batch := 1
	if T > 1 {
		batch = 2
	}
	if m.warm != nil {
		// The caller's plan goes in first, as it is: local search from its
		// routes, without Split reassigning them.
		workers[0].start = m.warm
		for _, w := range workers {
			w.tour, w.jobs = w.tour[:0], w.jobs[:0]
		}
		generate()
		absorb()
		workers[0].start = nil
	}
	seed, _ := m.savingsPlan(context.Background(), false)
	initial(seed)
	for !stopped() {
		if converge > 0 && best != nil && iter-bestAt >= converge {
			break // res.stop stays StopConverged
		}
		if pop.size() < 2 {
			initial(nil)
			continue
		}
		pop.updateFitness(pop.feas)
		pop.updateFitness(pop.infeas)
		jobs := int64(batch * T)
		muts := int64(float64(jobs)*mutRate + 0.5)
		if budget > 0 {
			jobs = min(jobs, budget-iter) // spend the budget exactly
			muts = min(muts, budget-iter-jobs)
		}
		for _, w := range workers {
			w.jobs = w.jobs[:0]
			w.tour = w.tour[:0]
			w.muts = w.muts[:0]
		}
		for k := range jobs {
			w := workers[k%int64(T)]
			w.jobs = append(w.jobs, parents{pop.tournament(rng), pop.tournament(rng)})
		}
		if muts > 0 && rng.Float64() >= chainP {
			muts = 0 // the same work for every worker: none waits at the barrier
		}
		for k := range muts {
			w := workers[k%int64(T)]
			if best != nil {
				w.muts = append(w.muts, best)
			} else {
				w.muts = append(w.muts, pop.tournament(rng))
			}
		}
		generate()
		absorb()
		if iter-lastImprove > int64(opt.RestartAfter) {
			pop.clear()
			res.restarts++
			lastImprove = iter
			initial(nil)
		}
	}
	if err := ctx.Err(); err != nil {
		res.stop = solver.ReasonFor(err)
	} else if budget > 0 && iter >= budget {
		res.stop = solver.StopIterations
	}
	res.iterations = iter
	record(true)

	if best != nil {
		res.plan = clonePlan(&best.plan)
		res.why = m.repair(res.plan)
		return res
	}
	// No feasible plan: repair the savings plan and the best infeasible
	// member, and keep the one that leaves fewer stops out (then cheaper).
	res.plan = clonePlan(seed)
	res.why = m.repair(res.plan)
	if len(pop.infeas) > 0 {
		q := clonePlan(&pop.infeas[0].plan)
		why := m.repair(q)
		var zero penalties
		cq, _ := m.planCost(q, &zero)
		cs, _ := m.planCost(res.plan, &zero)
		if len(why) < len(res.why) || (len(why) == len(res.why) && cq < cs) {
			res.plan, res.why = q, why
		}
	}
	return res
}

// The initial population may take 1/initShare of the time limit, or
// 1/initShareChains when chains run: they improve the savings plan while
// the population fills. On X-n502..X-n1001 at 10 s, 1/20 rather than 1/5
// gave mean gaps 0.861 % rather than 0.917 % (2 threads, seed 1); without
// chains (time windows) the HGS keeps its 1/5.
const (
	initShare       = 5
	initShareChains = 20
)

// chainTemp is the starting temperature of a chain's simulated annealing,
// as a share of the parent's cost per stop; it falls linearly to 0 over
// the chain. X-n502, n801, n1001 at 10 s, 2 threads, seeds 1-2: mean gap
// 0.825 % accepting only improvements, 0.693 % at 0.3, 0.766 % at 0.6;
// X-n200, n303, n401 seeds 1-3: 0.461 %, 0.415 % at 0.3, 0.504 % at 1.
const chainTemp = 0.3

// chainMinP and chainDecay bound and shrink the chance of a mutation chain
// (see hgs).
const (
	chainMinP  = 0.02
	chainDecay = 0.85
)

// convergedAfter is how many offspring without improvement of the best
// feasible plan end a search that need not use its whole limit: 50 per
// stop, at least 2000 and at most restartAfter (the population restart
// period, beyond which the search would start over).
func convergedAfter(stops, restartAfter int) int64 {
	return int64(min(restartAfter, max(2000, 50*stops)))
}

// offspring makes this worker's child: OX of its parents (or its given
// tour), Split, local search, and with probability 1/2 a repair pass under
// tenfold penalties when the child is infeasible (Vidal 2022).
func (w *worker) offspring(m *model, pen *penalties, ctx context.Context) {
	w.out = w.out[:0]
	if w.start != nil {
		w.improve(m, pen, ctx, w.start)
	}
	if len(w.tour) > 0 {
		w.educate(m, pen, ctx, w.tour)
	}
	for _, j := range w.jobs {
		if ctx.Err() != nil {
			return
		}
		crossoverOX(j.a.tour, j.b.tour, w.child, w.used, w.rng)
		w.educate(m, pen, ctx, w.child)
	}
	for _, a := range w.muts {
		if ctx.Err() != nil {
			return
		}
		w.mutant(pen, ctx, a)
	}
}

// mutant improves parent a (the best feasible plan when there is one) by
// a chain of w.steps SISR mutations (sisr.go) under simulated annealing:
// each step ruins and recreates the chain's current plan and educates the
// result by a local search localized to what changed; the result becomes
// current when it is cheaper, or dearer by less than the temperature's
// draw (chainTemp, cooling to 0), and only when feasible if a was. The
// chain's best plan becomes the child. With one step the child is the
// mutated plan, better or not.
func (w *worker) mutant(pen *penalties, ctx context.Context, a *indiv) {
	ls := w.ls
	ls.ctx = ctx
	ls.pen = *pen
	steps := w.steps
	if steps <= 1 {
		ls.mutate(&a.plan, w.mut, w.rng)
		w.finish(pen, true)
		return
	}
	ls.load(&a.plan)
	ls.export(&w.keep)
	ls.export(&w.cur)
	best := ls.fullCost()
	cur := best
	t0 := chainTemp * best / float64(max(len(ls.order), 1))
	startFeas, _, _ := ls.feasible()
	for k := range steps {
		if ctx.Err() != nil {
			break
		}
		ls.mutate(&w.cur, w.mut, w.rng)
		ls.runLocalized()
		if startFeas {
			if all, _, _ := ls.feasible(); !all {
				continue
			}
		}
		c := ls.fullCost()
		temp := t0 * float64(steps-k) / float64(steps)
		if c < cur-tol(cur) || (temp > 0 && c < cur-temp*math.Log(w.rng.Float64())) {
			cur = c
			ls.export(&w.cur)
		}
		if c < best-tol(best) {
			best = c
			ls.export(&w.keep)
		}
	}
	ls.load(&w.keep)
	ls.settled()
	w.finish(pen, true)
	w.out[len(w.out)-1].chain = true
}

// educate splits tour, runs the local search and the repair, and appends
// the child to w.out.
func (w *worker) educate(m *model, pen *penalties, ctx context.Context, tour []int32) {
	w.split.run(tour, pen, &w.work)
	w.improve(m, pen, ctx, &w.work)
}

// improve runs the local search and the repair from the routes of p and
// appends the child to w.out.
func (w *worker) improve(m *model, pen *penalties, ctx context.Context, p *plan) {
	ls := w.ls
	ls.ctx = ctx
	ls.pen = *pen
	ls.load(p)
	w.finish(pen, false)
}

// finish runs the local search on the loaded plan (localized: only what
// changed since it was settled), then with probability 1/2 a repair pass
// under tenfold penalties when the result is infeasible (Vidal 2022), and
// appends the child to w.out.
func (w *worker) finish(pen *penalties, localized bool) {
	ls := w.ls
	if localized {
		ls.runLocalized()
	} else {
		ls.run()
	}
	all, okL, okT := ls.feasible()
	c := child{okL: okL, okT: okT, inds: []*indiv{ls.indiv(all)}}
	if !all && w.rng.IntN(2) == 0 {
		strong := *pen
		for k := range strong.load {
			strong.load[k] *= 10
		}
		strong.tw *= 10
		strong.dist *= 10
		ls.pen = strong
		ls.recost()
		ls.run()
		ls.pen = *pen
		ls.recost()
		if all, _, _ := ls.feasible(); all {
			c.inds = append(c.inds, ls.indiv(true))
		}
	}
	w.out = append(w.out, c)
}

// indiv exports the local search's plan as a population member.
func (ls *localSearch) indiv(feasible bool) *indiv {
	m := ls.m
	x := &indiv{feasible: feasible, cost: ls.fullCost()}
	ls.export(&x.plan)
	x.succ = make([]int32, m.n)
	x.pred = make([]int32, m.n)
	for i := range x.succ {
		x.succ[i], x.pred[i] = -2, -2
	}
	for _, nodes := range x.plan.routes {
		for k, i := range nodes {
			x.pred[i], x.succ[i] = -1, -1
			if k > 0 {
				x.pred[i] = nodes[k-1]
			}
			if k+1 < len(nodes) {
				x.succ[i] = nodes[k+1]
			}
		}
	}
	stops := make([]int32, 0, len(ls.order))
	for _, i := range ls.order {
		stops = append(stops, i)
	}
	slices.Sort(stops)
	x.tour = m.giantTour(&x.plan, stops)
	return x
}

// recost reprices every route under the current penalties.
func (ls *localSearch) recost() {
	for r := range int32(ls.R) {
		ls.rcost[r] = ls.cost(r, ls.total(r), ls.rsize[r])
	}
}

// giantTour concatenates the non-empty routes of p ordered by the polar
// angle of their barycentre around the first type's start depot (as HGS
// does, so that tours of similar plans look alike), then the stops of
// stops that p leaves unserved.
func (m *model) giantTour(p *plan, stops []int32) []int32 {
	type ra struct {
		r int
		a int32
	}
	order := make([]ra, 0, len(p.routes))
	t := &m.types[0]
	for r, nodes := range p.routes {
		if len(nodes) == 0 {
			continue
		}
		var sx, sy float64
		for _, i := range nodes {
			sx += m.x[i]
			sy += m.y[i]
		}
		k := float64(len(nodes))
		order = append(order, ra{r, polar(sx/k, sy/k, m.x[t.start], m.y[t.start])})
	}
	slices.SortStableFunc(order, func(a, b ra) int { return cmp.Compare(a.a, b.a) })
	tour := make([]int32, 0, len(stops))
	served := make([]bool, m.n)
	for _, o := range order {
		for _, i := range p.routes[o.r] {
			tour = append(tour, i)
			served[i] = true
		}
	}
	for _, i := range stops {
		if !served[i] {
			tour = append(tour, i)
		}
	}
	return tour
}

func clonePlan(p *plan) *plan {
	q := &plan{routes: make([][]int32, len(p.routes))}
	for r, nodes := range p.routes {
		q.routes[r] = slices.Clone(nodes)
	}
	return q
}
