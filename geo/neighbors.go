package geo

import (
	"cmp"
	"slices"
)

// Nearest returns, for each row i of m, the indices of the k locations j ≠ i
// with the smallest m.At(i, j), nearest first, ties broken by index. Rows
// have fewer than k entries when m.N-1 < k. It costs O(n² log k) time.
func Nearest(m *Matrix, k int) [][]int32 {
	n := m.N
	if k > n-1 {
		k = n - 1
	}
	if k < 0 {
		k = 0
	}
	out := make([][]int32, n)
	flat := make([]int32, n*k)
	cand := make([]int32, 0, n)
	for i := range n {
		row := m.Row(i)
		cand = cand[:0]
		for j := range n {
			if j != i {
				cand = append(cand, int32(j))
			}
		}
		byDist := func(a, b int32) int {
			if c := cmp.Compare(row[a], row[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		}
		if k < len(cand) {
			// Partial selection: keep the k best in a sorted prefix.
			best := flat[i*k : i*k : (i+1)*k]
			for _, j := range cand {
				if len(best) == k && byDist(j, best[k-1]) >= 0 {
					continue
				}
				pos, _ := slices.BinarySearchFunc(best, j, byDist)
				if len(best) < k {
					best = append(best, 0)
				}
				copy(best[pos+1:], best[pos:len(best)-1])
				best[pos] = j
			}
			out[i] = best
			continue
		}
		slices.SortFunc(cand, byDist)
		out[i] = append(flat[i*k:i*k:(i+1)*k], cand...)
	}
	return out
}
