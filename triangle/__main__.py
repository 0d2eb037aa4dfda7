from triangle.cli import main

main()
