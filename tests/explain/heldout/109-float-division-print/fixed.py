minutes = 135
hours = minutes // 60
mins = minutes % 60
print(hours, "hours and", mins, "minutes")
