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
