package com.example.shop.app;

import com.example.shop.entities.CategoryEntity;
import com.example.shop.entities.UserEntity;
import com.example.shop.entities.UserProvider;
import com.example.shop.entities.enums.UserStatus;
import io.fluxa.Context;

import java.util.Optional;

/** Application code written against the generated API: it must compile without warnings. */
public final class Signup {

    private final UserProvider users;

    public Signup(UserProvider users) {
        this.users = users;
    }

    public UserEntity register(Context context, String name, String email, CategoryEntity category) {
        UserEntity user = users.newEntity(context);
        user.setName(name);
        user.setEmail(email);
        user.setStatus(UserStatus.ACTIVE);
        user.setCategory(category);
        user.setHomeCity("Berlin");
        return user;
    }

    public Optional<UserEntity> find(Context context, String email) {
        return users.getByIndexEmail(context, email);
    }
}
