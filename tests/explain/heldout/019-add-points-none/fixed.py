def double_points(points):
    answer = points * 2
    return answer

bonus = double_points(15)
total = bonus + 100
print("Total points:", total)
