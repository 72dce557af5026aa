package jobq

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// storeResult writes a result as object name, then trims the store to the
// budget. A result larger than the whole budget is not stored.
func (q *Queue) storeResult(ctx context.Context, name string, b []byte) error {
	if int64(len(b)) > q.cfg.ResultBytes {
		return fmt.Errorf("the result of %d bytes exceeds the whole result budget of %d bytes", len(b), q.cfg.ResultBytes)
	}
	if _, err := q.obs.PutBytes(ctx, name, b); err != nil {
		return fmt.Errorf("storing result %s: %w", name, err)
	}
	return q.trim(ctx, name)
}

// trim deletes the oldest results, except keep's, while the store holds
// more than ResultBytes, and marks their jobs' records as purged.
func (q *Queue) trim(ctx context.Context, keep string) error {
	q.trimMu.Lock()
	defer q.trimMu.Unlock()
	st, err := q.obs.Status(ctx)
	if err != nil {
		return fmt.Errorf("reading the result store: %w", err)
	}
	size := int64(st.Size())
	if size <= q.cfg.ResultBytes {
		return nil
	}
	infos, err := q.obs.List(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoObjectsFound) {
		return fmt.Errorf("listing the result store: %w", err)
	}
	slices.SortFunc(infos, func(a, b *jetstream.ObjectInfo) int { return a.ModTime.Compare(b.ModTime) })
	for _, o := range infos {
		if size <= q.cfg.ResultBytes {
			break
		}
		if o.Name == keep {
			continue
		}
		if err := q.obs.Delete(ctx, o.Name); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return fmt.Errorf("purging result %s: %w", o.Name, err)
		}
		// Re-read: a deleted object leaves a small marker behind (until
		// the TTL), which counts too.
		if st, err = q.obs.Status(ctx); err != nil {
			return fmt.Errorf("reading the result store: %w", err)
		}
		size = int64(st.Size())
		id, _, _ := strings.Cut(o.Name, ".")
		q.update(ctx, id, func(r *Record) bool {
			if r.ResultPurged || r.ResultObject != o.Name {
				return false
			}
			r.ResultPurged = true
			return true
		})
	}
	return nil
}

// ResultBytes returns the bytes the result store holds now.
func (q *Queue) ResultBytes(ctx context.Context) (int64, error) {
	st, err := q.obs.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("reading the result store: %w", err)
	}
	return int64(st.Size()), nil
}
