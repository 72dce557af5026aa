package vrp

import "slices"

// topK returns the k candidates with the smallest key, ordered by key then
// index, by insertion into a sorted buffer of k: O(n + k·log(n/k)·k) for
// random keys, against O(n log n) for a full sort.
func topK(n int, k int, skip func(j int) bool, key func(j int) float64, buf []int32, keys []float64) ([]int32, []float64) {
	buf, keys = buf[:0], keys[:0]
	for j := range n {
		if skip(j) {
			continue
		}
		c := key(j)
		if len(buf) == k && c >= keys[k-1] {
			continue
		}
		if len(buf) < k {
			buf, keys = append(buf, 0), append(keys, 0)
		}
		x := len(buf) - 1
		for x > 0 && keys[x-1] > c {
			buf[x], keys[x] = buf[x-1], keys[x-1]
			x--
		}
		buf[x], keys[x] = int32(j), c
	}
	return buf, keys
}

// nearest returns for each stop node its k nearest other stop nodes by the
// first profile's distance (in both directions, the smaller), ties broken by
// index. Depot rows are empty; with placed, so are the rows of stops that
// fit no vehicle, and no list holds them. O(n²) plus the selection.
func (m *model) nearest(k int, placed bool) [][]int32 {
	stride := m.n + 1
	d := m.dist[0]
	out := make([][]int32, m.n)
	var buf []int32
	var keys []float64
	for i := m.nd; i < m.n; i++ {
		if placed && !m.fits[i] {
			continue
		}
		buf, keys = topK(m.n, k,
			func(j int) bool { return j < m.nd || j == i || placed && !m.fits[j] },
			func(j int) float64 { return float64(min(d[i*stride+j], d[j*stride+i])) },
			buf, keys)
		out[i] = slices.Clone(buf)
	}
	return out
}

// granular returns for each stop its k most correlated other stops, the
// neighbour lists of the local search. Correlation is distance, plus with
// time windows the waiting and time warp a direct visit i → j would cause
// (Vidal et al. 2013, weights 0.2 and 1 as PyVRP uses), the smaller of both
// directions; the relation is made symmetric: j is i's neighbour if either
// lists the other. O(n²) plus the selection.
func (m *model) granular(k int) [][]int32 {
	stride := m.n + 1
	d, tt := m.dist[0], m.dur[0]
	prox := func(i, j int) float64 {
		c := float64(d[i*stride+j])
		if m.hasTime {
			a := m.twOpen[i] + m.service[i] + tt[i*stride+j]
			c += 0.2*float64(max(m.twOpen[j]-m.twClose[i]-m.service[i]-tt[i*stride+j], 0)) + float64(max(a-m.twClose[j], 0))
		}
		return c
	}
	sets := make([][]int32, m.n)
	var buf []int32
	var keys []float64
	for i := m.nd; i < m.n; i++ {
		if !m.fits[i] {
			continue
		}
		buf, keys = topK(m.n, k,
			func(j int) bool { return j < m.nd || j == i || !m.fits[j] },
			func(j int) float64 { return min(prox(i, j), prox(j, i)) },
			buf, keys)
		for _, j := range buf {
			sets[i] = append(sets[i], j)
			sets[j] = append(sets[j], int32(i))
		}
	}
	for i := range sets {
		slices.Sort(sets[i])
		sets[i] = slices.Compact(sets[i])
	}
	return sets
}
