package inputs

// Field is a column of the user export that migready understands.
type Field string

const (
	FieldUserID    Field = "user_id"
	FieldFirstName Field = "first_name"
	FieldLastName  Field = "last_name"
	FieldFullName  Field = "full_name"
	FieldEmail     Field = "email"
	FieldGroup     Field = "primary_group"
	FieldRole      Field = "role"
	FieldPlan      Field = "user_plan"
	FieldCanLogIn  Field = "can_log_in"
	FieldTravel    Field = "travel"
)

// Fields lists every field in a stable order (for hints and docs).
var Fields = []Field{FieldUserID, FieldFirstName, FieldLastName, FieldFullName, FieldEmail,
	FieldGroup, FieldRole, FieldPlan, FieldCanLogIn, FieldTravel}

// Tri is a yes/no answer that may be absent or unreadable.
type Tri int8

const (
	Unknown Tri = iota // column absent, or a value that is neither yes nor no
	Yes
	No
)

// User is one row of the export. Values are trimmed but otherwise as the
// admin client wrote them; Row is the row number Excel shows for it.
type User struct {
	Row       int
	ID        string
	FirstName string
	LastName  string
	Name      string // full name column, else first + " " + last
	Email     string
	Group     string
	Role      string
	Plan      string
	CanLogIn  Tri // Unknown when the column is absent or the value is not a yes/no word
	Travel    Tri // Unknown when the column is absent
	// RawCanLogIn and RawTravel keep the cell text, for messages.
	RawCanLogIn string
	RawTravel   string
}

// UserList is a whole export.
type UserList struct {
	File    string           // path as given
	Format  string           // "csv" or "xlsx"
	Sheet   string           // xlsx: the sheet read
	Headers []string         // the header row as found
	Columns map[Field]string // header text matched for each field present
	Users   []User
	// EmptyRows are the Excel row numbers of empty rows among the users,
	// which were ignored; with Users they account for every data row.
	EmptyRows []int
	// Notices are plain lines for the person running the command (which
	// sheet was read, which were skipped).
	Notices []string
}

// Has reports whether the export had a column for f.
func (l *UserList) Has(f Field) bool {
	_, ok := l.Columns[f]
	return ok
}
