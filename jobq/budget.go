package jobq

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// The objects of one attempt at a job form a group named "id.attempt": the
// result is the object of that name and each file is "id.attempt/name".
// The budget keeps or purges a group whole.

// fileObject names the object of file name in group.
func fileObject(group, name string) string { return group + "/" + name }

// objectGroup returns the group of an object name.
func objectGroup(object string) string {
	g, _, _ := strings.Cut(object, "/")
	return g
}

// storeOutcome writes the result and files of one attempt as group, then
// trims the store to the budget. An outcome larger than the whole budget is
// not stored; nor is anything when a write fails. It returns the files as
// stored.
func (q *Queue) storeOutcome(ctx context.Context, group string, result []byte, files []File) ([]StoredFile, error) {
	size := int64(len(result))
	for _, f := range files {
		size += int64(len(f.Data))
	}
	if size > q.cfg.ResultBytes {
		return nil, fmt.Errorf("the result and files of %d bytes exceed the whole result budget of %d bytes", size, q.cfg.ResultBytes)
	}
	var stored []StoredFile
	var put []string
	undo := func(err error) ([]StoredFile, error) {
		for _, o := range put {
			q.obs.Delete(ctx, o)
		}
		return nil, err
	}
	for _, f := range files {
		o := fileObject(group, f.Name)
		if _, err := q.obs.PutBytes(ctx, o, f.Data); err != nil {
			return undo(fmt.Errorf("storing file %s: %w", o, err))
		}
		put = append(put, o)
		stored = append(stored, StoredFile{Name: f.Name, ContentType: f.ContentType, Object: o, Bytes: len(f.Data)})
	}
	if len(result) > 0 {
		if _, err := q.obs.PutBytes(ctx, group, result); err != nil {
			return undo(fmt.Errorf("storing result %s: %w", group, err))
		}
		put = append(put, group)
	}
	return stored, q.trim(ctx, group)
}

// trim deletes the oldest groups of results and files, except keep, while
// the store holds more than ResultBytes, and marks their jobs' records as
// purged.
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
	type group struct {
		name    string
		written time.Time // of its newest object
		objects []string
	}
	byName := map[string]*group{}
	var groups []*group
	for _, o := range infos {
		name := objectGroup(o.Name)
		g := byName[name]
		if g == nil {
			g = &group{name: name}
			byName[name] = g
			groups = append(groups, g)
		}
		g.objects = append(g.objects, o.Name)
		if o.ModTime.After(g.written) {
			g.written = o.ModTime
		}
	}
	slices.SortFunc(groups, func(a, b *group) int { return a.written.Compare(b.written) })
	for _, g := range groups {
		if size <= q.cfg.ResultBytes {
			break
		}
		if g.name == keep {
			continue
		}
		for _, o := range g.objects {
			if err := q.obs.Delete(ctx, o); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
				return fmt.Errorf("purging result %s: %w", o, err)
			}
		}
		// Re-read: a deleted object leaves a small marker behind (until
		// the TTL), which counts too.
		if st, err = q.obs.Status(ctx); err != nil {
			return fmt.Errorf("reading the result store: %w", err)
		}
		size = int64(st.Size())
		id, _, _ := strings.Cut(g.name, ".")
		q.update(ctx, id, func(r *Record) bool {
			if r.ResultPurged || !r.storedIn(g.name) {
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
