"""The staff side's pure rules: who is signed in and what their roles let them do."""
