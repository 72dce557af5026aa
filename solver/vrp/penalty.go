package vrp

// penaltyManager adapts the penalty weights so that about TargetFeasible of
// the offspring leave local search feasible (Vidal 2022, Section 3): every
// PenaltyEvery offspring each weight is multiplied by 1.2 when too few were
// feasible for its kind of violation, by 0.85 when too many, within bounds.
type penaltyManager struct {
	lo, hi           penalties
	loadOK, timeOK   int
	total, feasible  int
	recentFeasShares float64
}

// penaltyPeriod is how many offspring pass between penalty updates when
// Options.PenaltyEvery is 0. HGS-CVRP's 100 suits a few hundred stops; at
// 670 stops and more a 5 to 10 s run breeds only a few hundred offspring,
// so the weights would move a handful of times and tight instances would
// search infeasible space for most of the run (X-n670-k130 at 5 s: 11.1 %
// above the best known with 100, 4.1 % with 20).
func penaltyPeriod(stops int) int {
	return min(100, max(20, 20000/max(stops, 1)))
}

// initialPenalties sets each weight so that one unit of excess costs about
// as much as a long arc, as HGS-CVRP sets max distance / max demand.
func (m *model) initialPenalties() (penalties, penaltyManager) {
	var p penalties
	var maxArc, maxArcT int64
	for pr := range m.dist {
		for _, d := range m.dist[pr] {
			maxArc = max(maxArc, d)
		}
		for _, d := range m.dur[pr] {
			maxArcT = max(maxArcT, d)
		}
	}
	var cpd, cpt float64
	for _, t := range m.types {
		cpd, cpt = max(cpd, t.cpd), max(cpt, t.cpt)
	}
	arcCost := cpd*float64(maxArc) + cpt*float64(maxArcT)
	if arcCost <= 0 {
		arcCost = 1
	}
	for k := range m.dims {
		var maxDem int64
		for i := m.nd; i < m.n; i++ {
			maxDem = max(maxDem, m.demand[i*m.dims+k])
		}
		p.load[k] = arcCost / float64(max(maxDem, 1))
	}
	p.tw = arcCost / float64(max(maxArcT, 1))
	p.dist = arcCost / float64(max(maxArc, 1))
	p.skl = m.missMandatory
	var pm penaltyManager
	for k := range m.dims {
		pm.lo.load[k], pm.hi.load[k] = p.load[k]*1e-3, p.load[k]*1e4
	}
	pm.lo.tw, pm.hi.tw = p.tw*1e-3, p.tw*1e4
	pm.lo.dist, pm.hi.dist = p.dist*1e-3, p.dist*1e4
	return p, pm
}

// record notes whether one offspring was load- and time-feasible after
// local search.
func (pm *penaltyManager) record(loadOK, timeOK bool) {
	pm.total++
	if loadOK {
		pm.loadOK++
	}
	if timeOK {
		pm.timeOK++
	}
	if loadOK && timeOK {
		pm.feasible++
	}
}

// adapt updates p from the offspring recorded since the last call.
func (pm *penaltyManager) adapt(p *penalties, target float64) {
	if pm.total == 0 {
		return
	}
	step := func(w *float64, ok int, lo, hi float64) {
		f := float64(ok) / float64(pm.total)
		switch {
		case f < target-0.05:
			*w = min(*w*1.2, hi)
		case f > target+0.05:
			*w = max(*w*0.85, lo)
		}
	}
	for k := range p.load {
		step(&p.load[k], pm.loadOK, pm.lo.load[k], pm.hi.load[k])
	}
	step(&p.tw, pm.timeOK, pm.lo.tw, pm.hi.tw)
	step(&p.dist, pm.timeOK, pm.lo.dist, pm.hi.dist)
	pm.recentFeasShares = float64(pm.feasible) / float64(pm.total)
	pm.loadOK, pm.timeOK, pm.total, pm.feasible = 0, 0, 0, 0
}
