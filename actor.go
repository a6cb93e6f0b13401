package jingzi

import "context"

// Actor 操作者 is who acts in a request: a logged-in user, or the system itself (the
// command line, the demo loader, a scheduled job).
type Actor struct {
	User   *User
	System string // non-empty for the system: "命令行", "演示数据"
	OrgID  int64  // the org the user is working in (the org switcher)
	IP     string
}

// Name is how the actor appears in the audit log.
func (a *Actor) Name() string {
	switch {
	case a == nil:
		return "匿名"
	case a.User != nil:
		return a.User.Name + "（" + a.User.Login + "）"
	default:
		return "系统：" + a.System
	}
}

// UserID returns the acting user's id, or 0 for the system and anonymous.
func (a *Actor) UserID() int64 {
	if a == nil || a.User == nil {
		return 0
	}
	return a.User.ID
}

type actorKey struct{}

// NewContextWithActor returns a context carrying the actor.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor of the context, or nil.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// SystemContext returns a context acting as the system with the given name. It
// bypasses permission checks: only cmd/jingzi uses it.
func SystemContext(ctx context.Context, name string) context.Context {
	return NewContextWithActor(ctx, &Actor{System: name})
}

// UserFromContext returns the acting user, or nil.
func UserFromContext(ctx context.Context) *User {
	if a := ActorFromContext(ctx); a != nil {
		return a.User
	}
	return nil
}
