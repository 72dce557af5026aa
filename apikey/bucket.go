package apikey

import (
	"sync"
)

// Bucket is a token bucket: it holds at most burst tokens and gains rate
// tokens a second. It is safe for concurrent use. Times are seconds on
// any monotonic clock (the caller's), so that tests need no sleeping.
type Bucket struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   float64
	init   bool
}

// NewBucket returns a full bucket.
func NewBucket(rate, burst float64) Bucket {
	return Bucket{rate: rate, burst: burst, tokens: burst}
}

// Take takes one token at time nowS, or reports false and the seconds
// until a token will be there.
func (b *Bucket) Take(nowS float64) (bool, float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.init && nowS > b.last {
		b.tokens = min(b.burst, b.tokens+(nowS-b.last)*b.rate)
	}
	if !b.init || nowS > b.last {
		b.last, b.init = nowS, true
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, (1 - b.tokens) / b.rate
}
