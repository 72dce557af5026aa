package vrp

import "math/rand/v2"

// crossoverOX writes into child the ordered crossover of giant tours a and
// b (Oliver et al. 1987, as used by Prins 2004 and HGS): a random cyclic
// slice of a is copied in place, and the remaining stops follow in b's
// order starting after the slice. used is scratch sized to the node count.
// O(n), no allocation.
func crossoverOX(a, b, child []int32, used []bool, rng *rand.Rand) {
	n := len(a)
	if n == 0 {
		return
	}
	start := rng.IntN(n)
	end := rng.IntN(n)
	for end == start && n > 1 {
		end = rng.IntN(n)
	}
	for _, i := range a {
		used[i] = false
	}
	for x := start; ; x = (x + 1) % n {
		child[x] = a[x]
		used[a[x]] = true
		if x == end {
			break
		}
	}
	pos := (end + 1) % n
	for k := range n {
		i := b[(end+1+k)%n]
		if used[i] {
			continue
		}
		child[pos] = i
		used[i] = true
		pos = (pos + 1) % n
	}
}
