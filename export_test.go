package disclosure

// Unexported helpers that the external tests check directly.
var (
	ValidJurisdiction = validJurisdiction
	EUMembers         = euMemberList
)
