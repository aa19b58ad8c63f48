"""The nursing record screen (护理记录): timed, signed rows with their intake and output totals."""
