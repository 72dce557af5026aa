package vrp

import (
	"cmp"
	"slices"
)

// nearest returns for each stop node its k nearest other stop nodes by the
// first profile's distance (in both directions, the smaller), ties broken by
// index. Depot rows are empty. It costs O(n² log n).
func (m *model) nearest(k int) [][]int32 {
	stride := m.n + 1
	d := m.dist[0]
	out := make([][]int32, m.n)
	cand := make([]int32, 0, m.ns)
	for i := m.nd; i < m.n; i++ {
		cand = cand[:0]
		for j := m.nd; j < m.n; j++ {
			if j != i {
				cand = append(cand, int32(j))
			}
		}
		key := func(j int32) int64 { return min(d[i*stride+int(j)], d[int(j)*stride+i]) }
		slices.SortFunc(cand, func(a, b int32) int {
			if c := cmp.Compare(key(a), key(b)); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		out[i] = slices.Clone(cand[:min(k, len(cand))])
	}
	return out
}

// granular returns for each stop its k most correlated other stops, the
// neighbour lists of the local search. Correlation is distance, plus with
// time windows the waiting and time warp a direct visit i → j would cause
// (Vidal et al. 2013, weights 0.2 and 1 as PyVRP uses); the relation is
// made symmetric: j is i's neighbour if either lists the other. O(n² log n).
func (m *model) granular(k int) [][]int32 {
	stride := m.n + 1
	d, tt := m.dist[0], m.dur[0]
	cpd := m.types[0].cpd
	if cpd == 0 {
		cpd = 1
	}
	prox := func(i, j int) float64 {
		c := float64(d[i*stride+j])
		if m.hasTime {
			a := m.twOpen[i] + m.service[i] + tt[i*stride+j]
			c += 0.2*float64(max(m.twOpen[j]-m.twClose[i]-m.service[i]-tt[i*stride+j], 0)) + float64(max(a-m.twClose[j], 0))
		}
		return c
	}
	sets := make([][]int32, m.n)
	type cand struct {
		j int32
		c float64
	}
	cs := make([]cand, 0, m.ns)
	for i := m.nd; i < m.n; i++ {
		if !m.fits[i] {
			continue
		}
		cs = cs[:0]
		for j := m.nd; j < m.n; j++ {
			if j != i && m.fits[j] {
				cs = append(cs, cand{int32(j), min(prox(i, j), prox(j, i))})
			}
		}
		slices.SortFunc(cs, func(a, b cand) int {
			if c := cmp.Compare(a.c, b.c); c != 0 {
				return c
			}
			return cmp.Compare(a.j, b.j)
		})
		for _, c := range cs[:min(k, len(cs))] {
			sets[i] = append(sets[i], c.j)
			sets[c.j] = append(sets[c.j], int32(i))
		}
	}
	for i := range sets {
		slices.Sort(sets[i])
		sets[i] = slices.Compact(sets[i])
	}
	return sets
}
