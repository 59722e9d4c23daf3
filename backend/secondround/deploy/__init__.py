"""What the containers run besides the server and the worker (docker/, README "Deploy")."""
