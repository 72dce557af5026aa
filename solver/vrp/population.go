package vrp

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// indiv is one solution in the population: its giant tour, its routes, its
// penalised cost, and the predecessor and successor of each stop for the
// broken-pairs distance.
type indiv struct {
	tour     []int32 // served stops route by route, then unserved stops
	plan     plan
	cost     float64 // penalised cost when last evaluated
	feasible bool
	succ     []int32 // per node; -1 for a depot, -2 for unserved
	pred     []int32
	prox     []proxEntry // other members of its subpopulation, nearest first
	fitness  float64     // biased fitness
}

type proxEntry struct {
	d float64
	o *indiv
}

// brokenPairs is the broken-pairs distance of Prins (2009) as in HGS: the
// share of stops whose neighbours in a are not neighbours in b.
func brokenPairs(a, b *indiv, m *model) float64 {
	diff := 0
	for i := m.nd; i < m.n; i++ {
		if a.succ[i] != b.succ[i] && a.succ[i] != b.pred[i] {
			diff++
		}
		if a.pred[i] == -1 && b.pred[i] != -1 && b.succ[i] != -1 {
			diff++
		}
	}
	return float64(diff) / float64(max(m.ns, 1))
}

// population holds the feasible and infeasible subpopulations of HGS, each
// sorted by penalised cost, with survivor selection by biased fitness
// (Vidal et al. 2012): rank by cost plus (1 - elite/size) times rank by
// diversity contribution, the mean distance to the Close nearest members.
type population struct {
	m        *model
	opt      *Options
	feas     []*indiv
	infeas   []*indiv
	bestFeas *indiv // best feasible since the last restart
	divBuf   []float64
	idx      []int
}

func (p *population) sub(feasible bool) *[]*indiv {
	if feasible {
		return &p.feas
	}
	return &p.infeas
}

// add inserts x into its subpopulation and runs survivor selection when
// it is full. It reports whether x is a new best feasible.
func (p *population) add(x *indiv) bool {
	s := p.sub(x.feasible)
	for _, o := range *s {
		d := brokenPairs(x, o, p.m)
		x.prox = insertProx(x.prox, proxEntry{d, o})
		o.prox = insertProx(o.prox, proxEntry{d, x})
	}
	at, _ := slices.BinarySearchFunc(*s, x.cost, func(e *indiv, c float64) int { return cmp.Compare(e.cost, c) })
	*s = slices.Insert(*s, at, x)
	if len(*s) >= p.opt.PopMu+p.opt.PopLambda {
		for len(*s) > p.opt.PopMu {
			p.removeWorst(s)
		}
	}
	if x.feasible && (p.bestFeas == nil || x.cost < p.bestFeas.cost-tol(p.bestFeas.cost)) {
		p.bestFeas = x
		return true
	}
	return false
}

func insertProx(l []proxEntry, e proxEntry) []proxEntry {
	at, _ := slices.BinarySearchFunc(l, e.d, func(a proxEntry, d float64) int { return cmp.Compare(a.d, d) })
	return slices.Insert(l, at, e)
}

// diversity is the mean distance of x to its Close nearest members.
func (p *population) diversity(x *indiv) float64 {
	k := min(p.opt.Close, len(x.prox))
	if k == 0 {
		return 0
	}
	var s float64
	for _, e := range x.prox[:k] {
		s += e.d
	}
	return s / float64(k)
}

// updateFitness computes the biased fitness of every member of s.
func (p *population) updateFitness(s []*indiv) {
	n := len(s)
	if n == 0 {
		return
	}
	if n == 1 {
		s[0].fitness = 0
		return
	}
	p.idx = p.idx[:0]
	p.divBuf = p.divBuf[:0]
	for i, x := range s {
		p.idx = append(p.idx, i)
		p.divBuf = append(p.divBuf, p.diversity(x))
	}
	// Rank by diversity, most diverse first; ties by cost order.
	slices.SortStableFunc(p.idx, func(a, b int) int { return cmp.Compare(p.divBuf[b], p.divBuf[a]) })
	elite := math.Min(float64(p.opt.Elite), float64(n))
	for rank, i := range p.idx {
		divRank := float64(rank) / float64(n-1)
		fitRank := float64(i) / float64(n-1)
		if n <= p.opt.Elite {
			s[i].fitness = fitRank
		} else {
			s[i].fitness = fitRank + (1-elite/float64(n))*divRank
		}
	}
}

// removeWorst drops the member with the worst biased fitness, clones
// first, never the best.
func (p *population) removeWorst(s *[]*indiv) {
	p.updateFitness(*s)
	worst, worstFit, worstClone := -1, 0.0, false
	for i := 1; i < len(*s); i++ {
		x := (*s)[i]
		clone := len(x.prox) > 0 && x.prox[0].d < 1e-9
		if worst < 0 || (clone && !worstClone) || (clone == worstClone && x.fitness > worstFit) {
			worst, worstFit, worstClone = i, x.fitness, clone
		}
	}
	x := (*s)[worst]
	*s = slices.Delete(*s, worst, worst+1)
	for _, o := range *s {
		for k, e := range o.prox {
			if e.o == x {
				o.prox = slices.Delete(o.prox, k, k+1)
				break
			}
		}
	}
	x.prox = x.prox[:0]
}

// tournament picks a parent by binary tournament on biased fitness over
// both subpopulations (fitness must be up to date).
func (p *population) tournament(rng *rand.Rand) *indiv {
	n := len(p.feas) + len(p.infeas)
	get := func(k int) *indiv {
		if k < len(p.feas) {
			return p.feas[k]
		}
		return p.infeas[k-len(p.feas)]
	}
	a, b := get(rng.IntN(n)), get(rng.IntN(n))
	if b.fitness < a.fitness {
		return b
	}
	return a
}

// size is the number of members.
func (p *population) size() int { return len(p.feas) + len(p.infeas) }

// reprice recomputes the penalised cost of infeasible members under new
// penalties and re-sorts them.
func (p *population) reprice(pen *penalties) {
	for _, x := range p.infeas {
		x.cost, _ = p.m.planCost(&x.plan, pen)
	}
	slices.SortStableFunc(p.infeas, func(a, b *indiv) int { return cmp.Compare(a.cost, b.cost) })
}

// clear empties both subpopulations (a restart).
func (p *population) clear() {
	p.feas, p.infeas, p.bestFeas = p.feas[:0], p.infeas[:0], nil
}
